package dev.bursar.httpclient;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A {@code Transfer-Encoding: chunked} body, decoded as it arrives: a read returns the bytes of the current chunk
 * that are already here and never waits for the next chunk to start. Chunk framing is parsed lazily, on the read
 * after a chunk's data, so a stream's reader sees each chunk the moment it lands.
 */
final class ChunkedBody extends BodyStream {

    private static final byte[] LAST_CHUNK = "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private enum State { FIRST_SIZE, DATA, AFTER_DATA, END }

    private State state = State.FIRST_SIZE;
    private long chunkLeft;

    ChunkedBody(Connection connection, HostPool pool, boolean keepAlive) {
        super(connection, pool, keepAlive);
    }

    @Override
    protected int readBody(byte[] b, int off, int len) throws IOException {
        while (state != State.DATA) {
            if (state == State.END) {
                return -1;
            }
            nextChunk();
        }
        int n = in.read(b, off, (int) Math.min(len, chunkLeft));
        if (n < 0) {
            throw new EOFException("the server closed the connection in the middle of a chunked body");
        }
        chunkLeft -= n;
        if (chunkLeft == 0) {
            state = State.AFTER_DATA;
        }
        return n;
    }

    private void nextChunk() throws IOException {
        if (state == State.AFTER_DATA && !in.readLine().isEmpty()) {
            throw new IOException("malformed chunked body: chunk data not followed by CRLF");
        }
        long size = chunkSize(in.readLine());
        if (size == 0) {
            skipTrailers();
            state = State.END;
        } else {
            chunkLeft = size;
            state = State.DATA;
        }
    }

    private void skipTrailers() throws IOException {
        while (!in.readLine().isEmpty()) {
            // trailer fields carry nothing the callers use
        }
    }

    private static long chunkSize(String line) throws IOException {
        int end = line.indexOf(';');
        String hex = (end >= 0 ? line.substring(0, end) : line).trim();
        if (hex.isEmpty() || hex.length() > 15) {
            throw new IOException("malformed chunk size line: '" + line + "'");
        }
        try {
            long size = Long.parseLong(hex, 16);
            if (size >= 0 && hex.charAt(0) != '+') {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IOException("malformed chunk size line: '" + line + "'");
    }

    @Override
    protected boolean atEnd() {
        return state == State.END;
    }

    /** A reader that stops at its own end marker leaves the last chunk unread; take it if it already arrived. */
    @Override
    protected boolean finishFromBuffer() {
        if (state == State.AFTER_DATA && in.skipIfBuffered(LAST_CHUNK)) {
            state = State.END;
        }
        return state == State.END;
    }

    @Override
    protected int availableInBody() {
        return state == State.DATA ? (int) Math.min(Integer.MAX_VALUE, chunkLeft) : 0;
    }
}
