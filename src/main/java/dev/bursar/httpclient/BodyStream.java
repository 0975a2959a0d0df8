package dev.bursar.httpclient;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A response body read straight off its connection. The connection goes back to the pool only once the body was
 * read to its end and the response allowed keep-alive; a failed read or an early {@link #close} discards it.
 * {@code close} may come from another thread (a watchdog) while a read blocks: it closes the socket, which wakes
 * the reader with an IOException. Whichever of end and close happens first decides, exactly once.
 */
abstract sealed class BodyStream extends InputStream permits FixedLengthBody, ChunkedBody, UntilCloseBody {

    protected final ConnectionInput in;
    private final Connection connection;
    private final HostPool pool;
    private final boolean keepAlive;
    private final AtomicBoolean settled = new AtomicBoolean();
    /** Held during a read, so a close from another thread never hands back a connection that is mid-read. */
    private final ReentrantLock reading = new ReentrantLock();
    private final byte[] one = new byte[1];
    private boolean ended;

    BodyStream(Connection connection, HostPool pool, boolean keepAlive) {
        this.connection = connection;
        this.in = connection.in();
        this.pool = pool;
        this.keepAlive = keepAlive;
    }

    static BodyStream of(ResponseHead head, Connection connection, HostPool pool) {
        BodyStream body = switch (head.framing()) {
            case FIXED -> new FixedLengthBody(connection, pool, head.keepAlive(), head.contentLength());
            case CHUNKED -> new ChunkedBody(connection, pool, head.keepAlive());
            case UNTIL_CLOSE -> new UntilCloseBody(connection, pool);
        };
        body.settleIfEnded();
        return body;
    }

    /** Reads body bytes (at least one, or -1 at the end), blocking only when none has arrived. */
    protected abstract int readBody(byte[] b, int off, int len) throws IOException;

    /** Whether the whole body has been consumed from the connection. */
    protected abstract boolean atEnd();

    /** Consumes the rest of the body only if it is already buffered; never blocks. */
    protected boolean finishFromBuffer() {
        return atEnd();
    }

    @Override
    public final int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public final int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        reading.lock();
        try {
            return readLocked(b, off, len);
        } finally {
            reading.unlock();
        }
    }

    private int readLocked(byte[] b, int off, int len) throws IOException {
        if (ended) {
            return -1;
        }
        if (settled.get()) {
            throw new IOException("the response body was closed");
        }
        if (len == 0) {
            return 0;
        }
        int n;
        try {
            n = readBody(b, off, len);
        } catch (IOException | RuntimeException e) {
            settle(false);
            throw e;
        }
        settleIfEnded();
        return n;
    }

    @Override
    public int available() {
        return ended || settled.get() ? 0 : Math.min(in.buffered(), availableInBody());
    }

    protected abstract int availableInBody();

    @Override
    public final void close() {
        if (!reading.tryLock()) {
            // A read blocks on another thread: closing the socket is what wakes it.
            settle(false);
            return;
        }
        try {
            if (!ended) {
                settle(finishFromBuffer() && keepAlive);
            }
        } finally {
            reading.unlock();
        }
    }

    private void settleIfEnded() {
        if (atEnd()) {
            ended = true;
            settle(keepAlive);
        }
    }

    private void settle(boolean reusable) {
        if (settled.compareAndSet(false, true)) {
            pool.release(connection, reusable);
        }
    }
}
