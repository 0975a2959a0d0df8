package dev.bursar.httpclient;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

/** One open HTTP/1.1 connection; used by one call at a time, lent out and taken back by its {@link HostPool}. */
final class Connection {

    private final Socket socket;
    private final ConnectionInput in;
    private final OutputStream out;
    private boolean reused;
    private long idleSinceNanos;

    Connection(Socket socket, ReadWatchdog watchdog) throws IOException {
        this.socket = socket;
        this.in = new ConnectionInput(socket, socket.getInputStream(), watchdog);
        this.out = socket.getOutputStream();
    }

    ConnectionInput in() {
        return in;
    }

    /** Sends a whole request in one write. */
    void send(byte[] request) throws IOException {
        out.write(request);
        out.flush();
    }

    /** Whether this connection served an earlier call, so the server may have closed it while it sat idle. */
    boolean reused() {
        return reused;
    }

    void markIdle(long nowNanos) {
        reused = true;
        idleSinceNanos = nowNanos;
    }

    boolean idleLongerThan(long idleNanos, long nowNanos) {
        return nowNanos - idleSinceNanos > idleNanos || socket.isClosed();
    }

    void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // the connection is being dropped either way
        }
    }
}
