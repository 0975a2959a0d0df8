package dev.bursar.providers;

import dev.bursar.httpclient.Http1Client;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The one HTTP client every adapter uses to reach its provider. Transport failures become {@link ProviderException}s
 * here, so adapters only deal with statuses and bodies. The transport is {@link Http1Client} by default;
 * {@link #jdk()} uses the JDK's HttpClient instead. It owns its transport's threads and the streams' gap timer:
 * {@link #close()} stops them.
 */
public final class UpstreamHttp implements AutoCloseable {

    /** A whole upstream response; {@code headers} holds only what {@link RetryHeaders#pick} keeps. */
    public record Response(int status, byte[] body, Map<String, String> headers) {
        public Response(int status, byte[] body) {
            this(status, body, Map.of());
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A streamed upstream response; the caller must close {@code body}. */
    public record Streamed(int status, InputStream body, Map<String, String> headers) {
        public Streamed(int status, InputStream body) {
            this(status, body, Map.of());
        }
    }

    private final UpstreamTransport transport;
    private final StreamGapTimer gaps = new StreamGapTimer();

    /** Blocking HTTP/1.1 over pooled keep-alive connections ({@link Http1Client} with its defaults). */
    public UpstreamHttp() {
        this(new Http1Client());
    }

    /** Takes over {@code client}: closing this closes it. */
    public UpstreamHttp(Http1Client client) {
        this.transport = new Http1Transport(client);
    }

    /** The JDK's HttpClient as transport; closing this shuts it down. */
    public UpstreamHttp(HttpClient client) {
        this.transport = new JdkTransport(client);
    }

    /** The JDK's HttpClient (HTTP/1.1, 10 s connect timeout, no redirects): the transport before Http1Client. */
    public static UpstreamHttp jdk() {
        return new UpstreamHttp(JdkTransport.defaultClient());
    }

    public Response post(String provider, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {
        return call(provider, uri, timeout, () -> transport.post(uri, headers, body, timeout));
    }

    /**
     * Opens a streamed POST. {@code timeout} bounds the wait for the response headers; the adapter bounds the
     * gaps between chunks itself.
     */
    public Streamed postStream(String provider, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {
        return call(provider, uri, timeout, () -> transport.postStream(uri, headers, body, timeout));
    }

    public Response get(String provider, URI uri, Map<String, String> headers, Duration timeout) {
        return call(provider, uri, timeout, () -> transport.get(uri, headers, timeout));
    }

    /**
     * Bounds the silence between a stream's events: {@code body} is closed once a wait outlasts {@code gap}.
     * The caller closes the watchdog when the stream ends.
     */
    public StreamGapWatchdog watchGaps(Closeable body, Duration gap) {
        return gaps.watch(body, gap);
    }

    /** Stops the gap timer and the transport (its pooled connections and threads). */
    @Override
    public void close() {
        gaps.close();
        transport.close();
    }

    /** One transport call. */
    private interface Call<T> {
        T run() throws IOException, InterruptedException;
    }

    private static <T> T call(String provider, URI uri, Duration timeout, Call<T> call) {
        try {
            return call.run();
        } catch (HttpTimeoutException | SocketTimeoutException e) {
            throw timeout(provider, uri, timeout, e);
        } catch (IOException e) {
            throw unreachable(provider, uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(provider, uri, e);
        }
    }

    private static ProviderException timeout(String provider, URI uri, Duration timeout, Exception e) {
        return new ProviderException(new ProviderError.Timeout(provider, 0,
                "no answer from " + provider + " (" + uri.getHost() + ") within " + timeout.toMillis() + " ms", null),
                null, false, e);
    }

    private static ProviderException unreachable(String provider, URI uri, Exception e) {
        String why = e instanceof ConnectException ? "connection refused" : String.valueOf(e.getMessage());
        return new ProviderException(new ProviderError.Upstream5xx(provider, 0,
                "cannot reach " + provider + " at " + uri.getScheme() + "://" + uri.getAuthority() + ": " + why, null),
                null, false, e);
    }
}
