package dev.bursar.providers;

import dev.bursar.httpclient.Http1Client;
import dev.bursar.httpclient.Http1Headers;
import dev.bursar.httpclient.Http1Request;
import dev.bursar.httpclient.Http1Response;
import dev.bursar.httpclient.Http1Streamed;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** {@link Http1Client}: blocking HTTP/1.1 on the caller's virtual thread over pooled keep-alive connections. */
final class Http1Transport implements UpstreamTransport {

    /**
     * Streams: the socket's per-read timeout is a backstop set a little past the adapter's own gap timeout
     * ({@code between-events}, or {@code first-token} if longer), so the adapter's watch fires first and reports the gap as a timeout in its own words.
     */
    static final Duration STREAM_READ_GRACE = Duration.ofSeconds(1);

    private final Http1Client client;

    Http1Transport(Http1Client client) {
        this.client = client;
    }

    @Override
    public UpstreamHttp.Response post(URI uri, Map<String, String> headers, byte[] body, Timeouts timeouts)
            throws IOException {
        Http1Response r = client.send(Http1Request.post(uri, withJsonType(headers), body), timeouts.connect(),
                timeouts.head(false), timeouts.total(false));
        return new UpstreamHttp.Response(r.status(), r.body(), retryHeaders(r.status(), r.headers()));
    }

    @Override
    public UpstreamHttp.Streamed postStream(URI uri, Map<String, String> headers, byte[] body, Timeouts timeouts)
            throws IOException {
        Duration longestWait = timeouts.betweenEvents().compareTo(timeouts.firstToken()) >= 0
                ? timeouts.betweenEvents() : timeouts.firstToken();
        Http1Streamed s = client.stream(Http1Request.post(uri, withJsonType(headers), body), timeouts.connect(),
                timeouts.head(true), longestWait.plus(STREAM_READ_GRACE));
        return new UpstreamHttp.Streamed(s.status(), s.body(), retryHeaders(s.status(), s.headers()));
    }

    @Override
    public UpstreamHttp.Response get(URI uri, Map<String, String> headers, Duration timeout) throws IOException {
        Http1Response r = client.send(Http1Request.get(uri, headers), timeout);
        return new UpstreamHttp.Response(r.status(), r.body(), retryHeaders(r.status(), r.headers()));
    }

    @Override
    public void close() {
        client.close();
    }

    /** Only a refusal's headers are ever passed on; a success's are not read at all (it is the hot path). */
    private static Map<String, String> retryHeaders(int status, Http1Headers headers) {
        return status / 100 == 2 ? Map.of() : RetryHeaders.pick(headers::forEach);
    }

    private static Map<String, String> withJsonType(Map<String, String> headers) {
        for (String name : headers.keySet()) {
            if (name.equalsIgnoreCase("Content-Type")) {
                return headers;
            }
        }
        Map<String, String> all = new HashMap<>(headers);
        all.put("Content-Type", "application/json");
        return all;
    }
}
