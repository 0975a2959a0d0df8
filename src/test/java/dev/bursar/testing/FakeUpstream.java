package dev.bursar.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 that plays a provider: it answers each path with a scripted reply (whole JSON, an
 * SSE stream with gaps, a stream cut mid-way, or no answer at all) and records what it received.
 */
public final class FakeUpstream implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the fake received. */
    public record Recorded(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            for (var e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().isEmpty() ? null : e.getValue().get(0);
                }
            }
            return null;
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("upstream received a body that is not JSON: " + bodyText(), e);
            }
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A scripted answer. */
    public sealed interface Reply {
        /** A whole response. */
        record Whole(int status, String contentType, byte[] body) implements Reply { }

        /** An SSE stream: each event is written and flushed, then the fake waits {@code gap}. */
        record Stream(List<String> events, Duration gap, int cutAfter) implements Reply { }

        /** Never answers (until the client gives up or the fake closes). */
        record Hang(Duration howLong) implements Reply { }

        static Reply json(int status, String body) {
            return new Whole(status, "application/json", body.getBytes(StandardCharsets.UTF_8));
        }

        /** Each element is one complete SSE event including its trailing blank line. */
        static Reply sse(List<String> events, Duration gap) {
            return new Stream(events, gap, -1);
        }

        /** Sends the first {@code cutAfter} events, then drops the connection without ending the body. */
        static Reply sseCut(List<String> events, int cutAfter) {
            return new Stream(events, Duration.ZERO, cutAfter);
        }

        static Reply hang(Duration howLong) {
            return new Hang(howLong);
        }
    }

    private final HttpServer server;
    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    private final List<Recorded> received = new CopyOnWriteArrayList<>();

    private FakeUpstream(HttpServer server) {
        this.server = server;
    }

    public static FakeUpstream start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
            FakeUpstream fake = new FakeUpstream(server);
            server.createContext("/", fake::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return fake;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** e.g. {@code http://127.0.0.1:41234} (no trailing slash). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers requests whose path equals {@code path} (query ignored) with {@code reply}. */
    public FakeUpstream on(String path, Reply reply) {
        replies.put(path, reply);
        return this;
    }

    public List<Recorded> received() {
        return List.copyOf(received);
    }

    public Recorded last() {
        if (received.isEmpty()) {
            throw new AssertionError("the fake upstream received no request");
        }
        return received.get(received.size() - 1);
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        String path = ex.getRequestURI().getPath();
        received.add(new Recorded(ex.getRequestMethod(), path, ex.getRequestURI().getQuery(),
                Map.copyOf(ex.getRequestHeaders()), body));
        Reply reply = replies.get(path);
        if (reply == null) {
            byte[] msg = ("{\"error\":{\"message\":\"fake upstream has no reply for " + path + "\"}}").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(404, msg.length);
            ex.getResponseBody().write(msg);
            ex.close();
            return;
        }
        switch (reply) {
            case Reply.Whole w -> {
                ex.getResponseHeaders().set("Content-Type", w.contentType());
                ex.sendResponseHeaders(w.status(), w.body().length == 0 ? -1 : w.body().length);
                ex.getResponseBody().write(w.body());
                ex.close();
            }
            case Reply.Stream s -> stream(ex, s);
            case Reply.Hang h -> {
                sleep(h.howLong());
                ex.sendResponseHeaders(504, -1);
                ex.close();
            }
        }
    }

    private static void stream(HttpExchange ex, Reply.Stream s) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        int sent = 0;
        for (String event : s.events()) {
            if (s.cutAfter() >= 0 && sent == s.cutAfter()) {
                out.flush();
                // Throwing makes the JDK server drop the connection without the final chunk: a cut stream.
                throw new IOException("fake upstream cuts the stream after " + sent + " events");
            }
            out.write(event.getBytes(StandardCharsets.UTF_8));
            out.flush();
            sent++;
            sleep(s.gap());
        }
        ex.close();
    }

    /** The scripted gaps and hangs of a slow provider: the delay is what the scenario is about. */
    private static void sleep(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Splits an SSE file into its events (each with its trailing blank line). */
    public static List<String> sseEvents(String file) {
        String normalised = file.replace("\r\n", "\n");
        List<String> events = new java.util.ArrayList<>();
        for (String block : normalised.split("\n\n")) {
            if (!block.isBlank()) {
                events.add(block.strip() + "\n\n");
            }
        }
        return events;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
