package dev.bursar.httpclient;

import java.io.EOFException;
import java.io.IOException;

/** A body of known length (Content-Length). */
final class FixedLengthBody extends BodyStream {

    private final long length;
    private long remaining;

    FixedLengthBody(Connection connection, HostPool pool, boolean keepAlive, long length) {
        super(connection, pool, keepAlive);
        this.length = length;
        this.remaining = length;
    }

    long length() {
        return length;
    }

    @Override
    protected int readBody(byte[] b, int off, int len) throws IOException {
        if (remaining == 0) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw new EOFException("the server closed the connection after " + (length - remaining) + " of "
                    + length + " body bytes");
        }
        remaining -= n;
        return n;
    }

    @Override
    protected boolean atEnd() {
        return remaining == 0;
    }

    @Override
    protected int availableInBody() {
        return (int) Math.min(Integer.MAX_VALUE, remaining);
    }
}
