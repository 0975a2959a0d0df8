package dev.bursar.providers.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * The buffered read side of one connection. Every socket read is bounded: by the per-read timeout, and by the
 * call's deadline when one is armed (the socket timeout is set to what is left, so a slow trickle cannot outlast it).
 */
final class ConnectionInput {

    static final long NO_DEADLINE = Long.MAX_VALUE;
    private static final int MAX_LINE = 16 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final byte[] buf = new byte[16 * 1024];
    private int pos;
    private int limit;
    private long received;
    private long deadlineNanos = NO_DEADLINE;
    private int readTimeoutMillis;
    private int socketTimeoutMillis = -1;

    ConnectionInput(Socket socket, InputStream in) {
        this.socket = socket;
        this.in = in;
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
        applyTimeout();
        int n = in.read(buf, 0, buf.length);
        if (n > 0) {
            pos = 0;
            limit = n;
            received += n;
        }
        return n;
    }

    private void applyTimeout() throws IOException {
        int timeout = readTimeoutMillis;
        if (deadlineNanos != NO_DEADLINE) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("call deadline passed");
            }
            int leftMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, (left + 999_999) / 1_000_000));
            timeout = timeout == 0 ? leftMillis : Math.min(timeout, leftMillis);
        }
        if (timeout != socketTimeoutMillis) {
            socket.setSoTimeout(timeout);
            socketTimeoutMillis = timeout;
        }
    }
}
