package dev.bursar.httpclient;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * The buffered read side of one connection. Every socket read is bounded: by the per-read timeout, and by the
 * call's deadline when one is armed (so a slow trickle cannot outlast it). The bound is kept by {@link ReadWatchdog},
 * which closes the socket of a read that outlives it; the read then fails with {@link SocketTimeoutException}.
 */
final class ConnectionInput implements ReadWatchdog.Watched {

    static final long NO_DEADLINE = Long.MAX_VALUE;
    private static final int MAX_LINE = 16 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final ReadWatchdog watchdog;
    private final byte[] buf = new byte[16 * 1024];
    private int pos;
    private int limit;
    private long received;
    private long deadlineNanos = NO_DEADLINE;
    private int readTimeoutMillis;
    private volatile long readDeadlineNanos;
    private volatile boolean expired;

    ConnectionInput(Socket socket, InputStream in, ReadWatchdog watchdog) {
        this.socket = socket;
        this.in = in;
        this.watchdog = watchdog;
    }

    /** Bounds the following reads: {@code deadlineNanos} ({@link #NO_DEADLINE} for none) and a per-read timeout. */
    void arm(long deadlineNanos, int readTimeoutMillis) {
        this.deadlineNanos = deadlineNanos;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    /** Starts counting received bytes afresh, so a caller can tell whether a response began. */
    void resetReceived() {
        received = 0;
    }

    long received() {
        return received;
    }

    int buffered() {
        return limit - pos;
    }

    /** Reads up to {@code len} bytes: what is buffered, else one socket read; -1 at end of stream. */
    int read(byte[] b, int off, int len) throws IOException {
        if (pos == limit && fill() < 0) {
            return -1;
        }
        int n = Math.min(len, limit - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    /** One line without its CRLF (a bare LF is accepted); ISO-8859-1, as HTTP header bytes are. */
    String readLine() throws IOException {
        StringBuilder line = null;
        while (true) {
            if (pos == limit && fill() < 0) {
                throw new EOFException(line == null && received == 0
                        ? "the server closed the connection before answering"
                        : "the server closed the connection in the middle of a line");
            }
            int start = pos;
            while (pos < limit && buf[pos] != '\n') {
                pos++;
            }
            boolean complete = pos < limit;
            int end = pos;
            if (complete) {
                pos++;
            }
            if (line == null && complete) {
                return ascii(start, end > start && buf[end - 1] == '\r' ? end - 1 : end);
            }
            line = line == null ? new StringBuilder() : line;
            line.append(ascii(start, end));
            if (line.length() > MAX_LINE) {
                throw new IOException("the server sent a header line longer than " + MAX_LINE + " bytes");
            }
            if (complete) {
                int len = line.length();
                return len > 0 && line.charAt(len - 1) == '\r' ? line.substring(0, len - 1) : line.toString();
            }
        }
    }

    /** Consumes {@code expected} if it is already fully buffered; never blocks. */
    boolean skipIfBuffered(byte[] expected) {
        if (limit - pos < expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (buf[pos + i] != expected[i]) {
                return false;
            }
        }
        pos += expected.length;
        return true;
    }

    private String ascii(int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private int fill() throws IOException {
        long deadline = readDeadline();
        if (deadline != NO_DEADLINE) {
            readDeadlineNanos = deadline;
            watchdog.reading(this);
        }
        int n;
        try {
            n = in.read(buf, 0, buf.length);
        } catch (IOException e) {
            if (expired) {
                throw new SocketTimeoutException(deadlineNanos != NO_DEADLINE && System.nanoTime() - deadlineNanos >= 0
                        ? "call deadline passed" : "Read timed out");
            }
            throw e;
        } finally {
            if (deadline != NO_DEADLINE) {
                watchdog.done(this);
            }
        }
        if (n > 0) {
            pos = 0;
            limit = n;
            received += n;
        }
        return n;
    }

    /** When the next read must have returned: the call's deadline or the per-read timeout, whichever is first. */
    private long readDeadline() throws SocketTimeoutException {
        if (deadlineNanos != NO_DEADLINE && deadlineNanos - System.nanoTime() <= 0) {
            throw new SocketTimeoutException("call deadline passed");
        }
        if (readTimeoutMillis == 0) {
            return deadlineNanos;
        }
        long perRead = System.nanoTime() + readTimeoutMillis * 1_000_000L;
        return deadlineNanos == NO_DEADLINE || perRead - deadlineNanos < 0 ? perRead : deadlineNanos;
    }

    @Override
    public long readDeadlineNanos() {
        return readDeadlineNanos;
    }

    /** The read outlived its deadline: closing the socket ends it; the connection is not reused. */
    @Override
    public void expire() {
        expired = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all we want
        }
    }
}
