package dev.bursar.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.providers.ProviderReply;
import dev.bursar.providers.StreamSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A client of a streaming adapter: records each event as text with the time it was sent, and the settled reply.
 * It can go away after some events (its send then throws, as a gone client's does) or be slow to take each one.
 * {@code beforeLastEvent} must come at most once: a second call fails the test.
 */
public final class RecordingSink implements StreamSink {

    private final List<String> events = new ArrayList<>();
    private final List<Long> sentAtNanos = new ArrayList<>();
    private final int failAfter;
    private final Duration delay;
    private ProviderReply settled;
    private int settledBeforeEvent = -1;

    private RecordingSink(int failAfter, Duration delay) {
        this.failAfter = failAfter;
        this.delay = delay;
    }

    /** A client that takes every event at once and stays to the end. */
    public RecordingSink() {
        this(-1, Duration.ZERO);
    }

    /** A client that goes away after {@code failAfter} events (-1: never). */
    public RecordingSink(int failAfter) {
        this(failAfter, Duration.ZERO);
    }

    /** A client that takes {@code delay} to receive each event. */
    public static RecordingSink slow(Duration delay) {
        return new RecordingSink(-1, delay);
    }

    @Override
    public void send(byte[] sseEvent) throws IOException {
        if (failAfter >= 0 && events.size() >= failAfter) {
            throw new IOException("client went away");
        }
        if (!delay.isZero()) {
            try { // a slow client is the scenario: its delay is the point
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sentAtNanos.add(System.nanoTime());
        events.add(new String(sseEvent, StandardCharsets.UTF_8));
    }

    @Override
    public void beforeLastEvent(ProviderReply reply) {
        if (settled != null) {
            throw new AssertionError("beforeLastEvent called twice");
        }
        settled = reply;
        settledBeforeEvent = events.size();
    }

    /** The events as text, in the order sent. */
    public List<String> events() {
        return events;
    }

    /** When each event was sent ({@link System#nanoTime()}). */
    public List<Long> sentAtNanos() {
        return sentAtNanos;
    }

    /** The reply passed to {@code beforeLastEvent}, or null when the stream did not complete. */
    public ProviderReply settled() {
        return settled;
    }

    /** How many events had been sent when the stream was settled; -1 when it was not. */
    public int settledBeforeEvent() {
        return settledBeforeEvent;
    }

    /** The {@code data:} JSON of every event but {@code [DONE]}, for OpenAI-wire streams. */
    public List<JsonNode> jsonEvents() {
        List<JsonNode> out = new ArrayList<>();
        for (String e : events) {
            String data = e.substring("data: ".length()).strip();
            if (!data.equals("[DONE]")) {
                try {
                    out.add(Golden.JSON.readTree(data));
                } catch (IOException ex) {
                    throw new AssertionError("event is not JSON: " + e, ex);
                }
            }
        }
        return out;
    }
}
