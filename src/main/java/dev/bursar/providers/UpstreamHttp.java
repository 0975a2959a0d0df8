package dev.bursar.providers;

import dev.bursar.httpclient.Http1Client;
import dev.bursar.httpclient.PhaseTimeoutException;
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

    /** A whole answer within one bound for every phase but connect (as the single {@code timeout} was). */
    public Response post(String provider, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {
        return post(provider, uri, headers, body, Timeouts.whole(timeout));
    }

    /** A whole answer: connected within {@code connect}, its head within {@code first-token}, all of it within {@code total}. */
    public Response post(String provider, URI uri, Map<String, String> headers, byte[] body, Timeouts timeouts) {
        return call(provider, uri, timeouts, false, () -> transport.post(uri, headers, body, timeouts));
    }

    /** As {@link #postStream(String, URI, Map, byte[], Timeouts)} with one bound for every phase but connect. */
    public Streamed postStream(String provider, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {
        return postStream(provider, uri, headers, body, Timeouts.whole(timeout));
    }

    /**
     * Opens a streamed POST: connected within {@code connect}, its head within {@code first-token} (or the stream's
     * total, if shorter). The adapter bounds the events with {@link #watch(Closeable, Timeouts, long)}.
     */
    public Streamed postStream(String provider, URI uri, Map<String, String> headers, byte[] body, Timeouts timeouts) {
        return call(provider, uri, timeouts, true, () -> transport.postStream(uri, headers, body, timeouts));
    }

    public Response get(String provider, URI uri, Map<String, String> headers, Duration timeout) {
        return call(provider, uri, Timeouts.whole(timeout), false, () -> transport.get(uri, headers, timeout));
    }

    /**
     * Bounds the silence between a stream's events: {@code body} is closed once a wait outlasts {@code gap}.
     * The caller closes the watchdog when the stream ends.
     */
    public StreamGapWatchdog watchGaps(Closeable body, Duration gap) {
        return gaps.watch(body, gap);
    }

    /**
     * Bounds a stream's events by {@code timeouts}, counted from {@code startNanos} (when the attempt began): the
     * first event within {@code first-token}, each next within {@code between-events}, the last within the stream's
     * {@code total}. {@code body} is closed when one runs out; {@link StreamGapWatchdog#expiry()} says which.
     */
    public StreamGapWatchdog watch(Closeable body, Timeouts timeouts, long startNanos) {
        return gaps.watch(body, timeouts, startNanos);
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

    private static <T> T call(String provider, URI uri, Timeouts timeouts, boolean stream, Call<T> call) {
        try {
            return call.run();
        } catch (HttpTimeoutException | SocketTimeoutException e) {
            throw timeout(provider, uri, timeouts, stream, e);
        } catch (IOException e) {
            throw unreachable(provider, uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(provider, uri, e);
        }
    }

    private static ProviderException timeout(String provider, URI uri, Timeouts timeouts, boolean stream, Exception e) {
        PhaseTimeoutException.Phase phase = e instanceof PhaseTimeoutException p ? p.phase()
                : e instanceof java.net.http.HttpConnectTimeoutException ? PhaseTimeoutException.Phase.CONNECT
                : PhaseTimeoutException.Phase.HEAD;
        String what = switch (phase) {
            case CONNECT -> "no connection within " + Timeouts.text(timeouts.connect()) + " (timeouts.connect)";
            case HEAD -> timeouts.firstToken().compareTo(timeouts.total(stream)) <= 0
                    ? "no first token within " + Timeouts.text(timeouts.firstToken()) + " (timeouts.first-token)"
                    : "no answer within the total " + Timeouts.text(timeouts.total(stream)) + " (timeouts.total)";
            case BODY -> "answer not complete within the total " + Timeouts.text(timeouts.total(stream)) + " (timeouts.total)";
        };
        return new ProviderException(new ProviderError.Timeout(provider, 0,
                provider + " (" + uri.getHost() + "): " + what, null), null, false, e);
    }

    private static ProviderException unreachable(String provider, URI uri, Exception e) {
        String why = e instanceof ConnectException ? "connection refused" : String.valueOf(e.getMessage());
        return new ProviderException(new ProviderError.Upstream5xx(provider, 0,
                "cannot reach " + provider + " at " + uri.getScheme() + "://" + uri.getAuthority() + ": " + why, null),
                null, false, e);
    }
}
