package dev.bursar.providers;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The HTTP client under {@link UpstreamHttp}. Implementations report failures as they come (timeouts as
 * {@link java.net.SocketTimeoutException} or {@link java.net.http.HttpTimeoutException}); UpstreamHttp maps them.
 */
interface UpstreamTransport extends AutoCloseable {

    /** A whole answer within {@code timeouts}' connect, head (first token) and total. */
    UpstreamHttp.Response post(URI uri, Map<String, String> headers, byte[] body, Timeouts timeouts)
            throws IOException, InterruptedException;

    /** A stream's head within {@code timeouts}' connect and head; its events are bounded by the adapter's watch. */
    UpstreamHttp.Streamed postStream(URI uri, Map<String, String> headers, byte[] body, Timeouts timeouts)
            throws IOException, InterruptedException;

    UpstreamHttp.Response get(URI uri, Map<String, String> headers, Duration timeout)
            throws IOException, InterruptedException;

    /** Releases the client's connections and threads. */
    @Override
    void close();
}
