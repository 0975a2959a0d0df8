package dev.bursar.gateway;

import dev.bursar.cache.StreamCapture;
import dev.bursar.pricing.Cost;
import dev.bursar.pricing.Money;
import dev.bursar.providers.ProviderReply;
import dev.bursar.providers.StreamSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * The sink a streaming adapter writes to. The HTTP response starts with the first event, so a provider failure
 * before any event can still be answered with a proper error status. Right before the final event the attempt is
 * settled (ledger row durable), and the exact cost is sent as an SSE comment, which SDKs ignore and people can
 * read.
 */
final class SettlingStreamSink implements StreamSink {

    private final Responder out;
    private final Responder.BursarHeaders headers;
    private final Function<ProviderReply, Cost> settle;
    private final StreamCapture capture;
    private Responder.EventStream stream;
    private boolean settled;

    /** @param capture collects the events for the cache, or null when the answer is not kept */
    SettlingStreamSink(Responder out, Responder.BursarHeaders headers, Function<ProviderReply, Cost> settle,
                       StreamCapture capture) {
        this.out = out;
        this.capture = capture;
        this.headers = headers;
        this.settle = settle;
    }

    @Override
    public void send(byte[] sseEvent) throws IOException {
        if (stream == null) {
            stream = out.openStream(headers);
        }
        if (capture != null) {
            capture.add(sseEvent);
        }
        stream.send(sseEvent);
    }

    @Override
    public void send(byte[] sseEvent, boolean nextIsHere) throws IOException {
        if (stream == null) {
            stream = out.openStream(headers);
        }
        if (capture != null) {
            capture.add(sseEvent);
        }
        stream.send(sseEvent, !nextIsHere);
    }

    @Override
    public void flush() throws IOException {
        if (stream != null) {
            stream.flush();
        }
    }

    @Override
    public void beforeLastEvent(ProviderReply reply) {
        Cost cost = settle.apply(reply);
        settled = true;
        sendQuietly((": x-bursar-cost-usd " + Money.plain(cost.totalUsd()) + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    boolean settled() {
        return settled;
    }

    boolean started() {
        return stream != null;
    }

    /** Best effort: the client may already be gone, which the adapter learns on its next event. */
    void sendQuietly(byte[] event) {
        try {
            send(event);
        } catch (IOException | RuntimeException ignored) {
            // nothing to do: the ledger already has the row
        }
    }
}
