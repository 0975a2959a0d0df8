package dev.bursar.httpclient;

import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * Sends one request and reads the response head, on a pooled connection if one is idle. A keep-alive connection
 * can be closed by the server while it sits in the pool; the first write or read on it then fails before any
 * byte of an answer. Only in that case is the request sent once more, on a new connection: the server cannot
 * have acted on it. Anything else (a timeout, a failure after the answer began, a new connection) is not retried.
 */
final class Exchange {

    /** A response whose head has been read; its body is still on {@code connection}. */
    record Started(ResponseHead head, Connection connection, HostPool pool) {
    }

    private final ConnectionPool pools;
    private final Connector connector;

    Exchange(ConnectionPool pools, Connector connector) {
        this.pools = pools;
        this.connector = connector;
    }

    Started start(Http1Request request, long deadlineNanos) throws IOException {
        return start(request, deadlineNanos, 0);
    }

    /** {@code connectMillis}: the bound on opening a new connection; 0 for the client's configured one. */
    Started start(Http1Request request, long deadlineNanos, int connectMillis) throws IOException {
        PoolKey key = PoolKey.of(request.uri());
        byte[] wire = RequestEncoder.encode(request, key);
        HostPool pool = pools.forKey(key);
        HostPool.Opener opener = connectMillis > 0
                ? () -> connector.open(key, deadlineNanos, connectMillis)
                : () -> connector.open(key, deadlineNanos);
        Connection c = pool.acquire(deadlineNanos, false, opener);
        try {
            return new Started(send(c, wire, deadlineNanos), c, pool);
        } catch (IOException e) {
            pool.release(c, false);
            if (!staleConnection(c, e)) {
                throw e;
            }
        } catch (RuntimeException | Error e) {
            pool.release(c, false);
            throw e;
        }
        Connection fresh = pool.acquire(deadlineNanos, true, opener);
        try {
            return new Started(send(fresh, wire, deadlineNanos), fresh, pool);
        } catch (IOException | RuntimeException | Error e) {
            pool.release(fresh, false);
            throw e;
        }
    }

    private static ResponseHead send(Connection c, byte[] wire, long deadlineNanos) throws IOException {
        ConnectionInput in = c.in();
        in.arm(deadlineNanos, 0);
        in.resetReceived();
        c.send(wire);
        return ResponseHead.read(in);
    }

    private static boolean staleConnection(Connection c, IOException e) {
        return c.reused() && c.in().received() == 0 && !(e instanceof InterruptedIOException)
                && !Thread.currentThread().isInterrupted();
    }
}
