package dev.bursar.httpclient;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * A blocking HTTP/1.1 client for virtual threads: each call runs on the caller's thread over a pooled keep-alive
 * connection, with no executor hand-off. It speaks plain HTTP/1.1 (no compression, no redirects, no HTTP/2),
 * which is all the gateway's upstream calls need.
 *
 * <p>Failures are {@link IOException}s; every timeout is a {@link java.net.SocketTimeoutException}, a refused
 * connection a {@link java.net.ConnectException}.
 */
public final class Http1Client implements AutoCloseable {

    /** Bodies up to this size are read into one exactly sized array; a larger Content-Length is not trusted up front. */
    private static final long EXACT_READ_LIMIT = 16 * 1024 * 1024;

    private final ConnectionPool pools;
    private final ReadWatchdog watchdog;
    private final Exchange exchange;

    public Http1Client() {
        this(Http1Config.defaults());
    }

    /** Default pooling, trusting the certificates {@code tls} trusts (e.g. a test's self-signed one). */
    public Http1Client(SSLContext tls) {
        this(Http1Config.defaults().withSslContext(tls));
    }

    public Http1Client(Http1Config config) {
        this.pools = new ConnectionPool(config.maxConnectionsPerHost(), config.idleTimeout().toNanos());
        this.watchdog = new ReadWatchdog();
        int connectMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, config.connectTimeout().toMillis()));
        this.exchange = new Exchange(pools, new Connector(config.sslContext().getSocketFactory(), connectMillis, watchdog));
    }

    /**
     * Sends {@code request} and reads the whole response. {@code timeout} bounds the entire call: waiting for a
     * connection, connecting, sending, and reading every byte of the answer.
     */
    public Http1Response send(Http1Request request, Duration timeout) throws IOException {
        long deadline = deadline(timeout);
        Exchange.Started started = exchange.start(request, deadline);
        try (BodyStream body = BodyStream.of(started.head(), started.connection(), started.pool())) {
            return new Http1Response(started.head().status(), started.head().headers(), readAll(body));
        }
    }

    /**
     * Sends {@code request} and reads the whole response, phase by phase: a new connection must open within
     * {@code connect}, the response head arrive within {@code head} and the last byte within {@code total}, all
     * counted from now. Each expiry is a {@link PhaseTimeoutException} naming its phase.
     */
    public Http1Response send(Http1Request request, Duration connect, Duration head, Duration total) throws IOException {
        long totalDeadline = deadline(total);
        Exchange.Started started = startWithin(request, connect, head);
        try (BodyStream body = BodyStream.of(started.head(), started.connection(), started.pool())) {
            started.connection().in().arm(totalDeadline, 0);
            return new Http1Response(started.head().status(), started.head().headers(), readAll(body));
        } catch (SocketTimeoutException e) {
            throw phase(PhaseTimeoutException.Phase.BODY, e);
        }
    }

    /**
     * As {@link #stream(Http1Request, Duration, Duration)}, a new connection opening within {@code connect}; a
     * timeout before the head is a {@link PhaseTimeoutException} of phase CONNECT or HEAD.
     */
    public Http1Streamed stream(Http1Request request, Duration connect, Duration head, Duration readTimeout) throws IOException {
        Exchange.Started started = startWithin(request, connect, head);
        int readMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, readTimeout.toMillis()));
        started.connection().in().arm(ConnectionInput.NO_DEADLINE, readMillis);
        return new Http1Streamed(started.head().status(), started.head().headers(),
                BodyStream.of(started.head(), started.connection(), started.pool()));
    }

    private Exchange.Started startWithin(Http1Request request, Duration connect, Duration head) throws IOException {
        long headDeadline = deadline(head);
        int connectMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, connect.toMillis()));
        try {
            return exchange.start(request, headDeadline, connectMillis);
        } catch (PhaseTimeoutException e) {
            throw e;
        } catch (SocketTimeoutException e) {
            throw phase(PhaseTimeoutException.Phase.HEAD, e);
        }
    }

    private static PhaseTimeoutException phase(PhaseTimeoutException.Phase phase, SocketTimeoutException e) {
        if (e instanceof PhaseTimeoutException known) {
            return known;
        }
        PhaseTimeoutException t = new PhaseTimeoutException(phase, e.getMessage());
        t.initCause(e);
        return t;
    }

    private static byte[] readAll(BodyStream body) throws IOException {
        if (!(body instanceof FixedLengthBody fixed) || fixed.length() > EXACT_READ_LIMIT) {
            return body.readAllBytes();
        }
        // The common case: one array of the announced size, no intermediate buffers.
        byte[] bytes = new byte[(int) fixed.length()];
        int done = 0;
        while (done < bytes.length) {
            done += body.read(bytes, done, bytes.length - done);
        }
        return bytes;
    }

    /**
     * Sends {@code request} and returns once the response head arrived; the body is read as it comes.
     * {@code headTimeout} bounds the wait for the head (connection, sending, status and headers); then each read
     * of the body may wait at most {@code readTimeout} for the next bytes, else it throws
     * {@link java.net.SocketTimeoutException}.
     */
    public Http1Streamed stream(Http1Request request, Duration headTimeout, Duration readTimeout) throws IOException {
        Exchange.Started started = exchange.start(request, deadline(headTimeout));
        int readMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, readTimeout.toMillis()));
        started.connection().in().arm(ConnectionInput.NO_DEADLINE, readMillis);
        return new Http1Streamed(started.head().status(), started.head().headers(),
                BodyStream.of(started.head(), started.connection(), started.pool()));
    }

    /** Open connections (idle and busy) to {@code uri}'s scheme, host and port. */
    public int openConnections(java.net.URI uri) {
        return pools.forKey(PoolKey.of(uri)).openConnections();
    }

    /**
     * Closes idle connections and stops the client's threads (idle sweeper, read watchdog); bodies still being read
     * finish normally but are no longer bounded by their read timeout.
     */
    @Override
    public void close() {
        pools.close();
        watchdog.close();
    }

    private static long deadline(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        long nanos = timeout.toNanos();
        return nanos > Long.MAX_VALUE / 4 ? ConnectionInput.NO_DEADLINE : System.nanoTime() + nanos;
    }
}
