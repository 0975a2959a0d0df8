package dev.bursar.bench.latency;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection that sends a prebuilt request and reads the whole answer (Content-Length or
 * chunked, as SSE streams come), allocating nothing per request. A recorder must cost less than what it measures, and
 * an HTTP client library's per-request objects would show up in the tail it records.
 */
final class KeepAliveConnection implements AutoCloseable {

    private final InetSocketAddress address;
    private final byte[] request;
    private final byte[] line = new byte[8192];
    private final byte[] skip = new byte[16384];
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    KeepAliveConnection(InetSocketAddress address, byte[] request) {
        this.address = address;
        this.request = request;
    }

    /** Sends the request and reads its answer to the last byte; returns the HTTP status. */
    int exchange() throws IOException {
        if (socket == null) {
            open();
        }
        try {
            out.write(request);
            out.flush();
            return readResponse();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private void open() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(address, 5_000);
        socket.setSoTimeout(60_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 65536);
    }

    private int readResponse() throws IOException {
        int n = readLine();
        if (n < 12) {
            throw new IOException("bad status line");
        }
        int status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        while ((n = readLine()) > 0) {
            if (startsWithIgnoreCase(n, "content-length:")) {
                length = Long.parseLong(text(15, n).trim());
            } else if (startsWithIgnoreCase(n, "transfer-encoding:") && text(18, n).trim().equalsIgnoreCase("chunked")) {
                chunked = true;
            } else if (startsWithIgnoreCase(n, "connection:") && text(11, n).trim().equalsIgnoreCase("close")) {
                close = true;
            }
        }
        if (chunked) {
            readChunks();
        } else if (length >= 0) {
            skipBytes(length);
        } else {
            throw new IOException("answer without a length (the recorder needs keep-alive answers)");
        }
        if (close) {
            close();
        }
        return status;
    }

    private void readChunks() throws IOException {
        while (true) {
            int n = readLine();
            int semicolon = indexOf(n, (byte) ';');
            long size = Long.parseLong(text(0, semicolon < 0 ? n : semicolon).trim(), 16);
            if (size == 0) {
                while (readLine() > 0) {
                    // trailers
                }
                return;
            }
            skipBytes(size);
            readLine();
        }
    }

    private void skipBytes(long count) throws IOException {
        long left = count;
        while (left > 0) {
            int r = in.read(skip, 0, (int) Math.min(skip.length, left));
            if (r < 0) {
                throw new IOException("connection closed mid-answer");
            }
            left -= r;
        }
    }

    /** Reads one CRLF-terminated line into {@link #line}; returns its length without the CRLF. */
    private int readLine() throws IOException {
        int n = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b == '\n') {
                return n > 0 && line[n - 1] == '\r' ? n - 1 : n;
            }
            if (n == line.length) {
                throw new IOException("header line over " + line.length + " bytes");
            }
            line[n++] = (byte) b;
        }
    }

    private boolean startsWithIgnoreCase(int n, String prefix) {
        if (n < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (Character.toLowerCase(line[i]) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(int n, byte b) {
        for (int i = 0; i < n; i++) {
            if (line[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private String text(int from, int to) {
        return new String(line, from, to - from, StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a broken connection; the next exchange opens a new one
            }
            socket = null;
        }
    }
}
