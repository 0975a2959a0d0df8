package dev.bursar.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A keep-alive HTTP/1.1 server that answers every request with the same bytes, doing as little work as it can (one
 * buffer per connection, no header objects), so that a client benchmark measures the client rather than the server.
 * It understands only what the benchmarked clients send: requests with a Content-Length body, not pipelined.
 */
final class FixedAnswerServer implements AutoCloseable {

    private final ServerSocket server;
    private final byte[] response;

    FixedAnswerServer(String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        response = new byte[head.length + body.length];
        System.arraycopy(head, 0, response, 0, head.length);
        System.arraycopy(body, 0, response, head.length, body.length);
        server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("bench-accept").start(this::accept);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        byte[] buf = new byte[64 * 1024];
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            int have = 0;
            while (true) {
                int end = requestEnd(buf, have);
                if (end < 0) {
                    int n = in.read(buf, have, buf.length - have);
                    if (n < 0) {
                        return;
                    }
                    have += n;
                    continue;
                }
                out.write(response);
                System.arraycopy(buf, end, buf, 0, have - end);
                have -= end;
            }
        } catch (IOException clientGone) {
            // the benchmark closed its connections
        }
    }

    /** Index just past a complete request (head plus Content-Length body) in {@code buf[0, have)}, or -1. */
    private static int requestEnd(byte[] buf, int have) {
        for (int i = 3; i < have; i++) {
            if (buf[i] == '\n' && buf[i - 1] == '\r' && buf[i - 2] == '\n' && buf[i - 3] == '\r') {
                int end = i + 1 + contentLength(buf, i);
                return end <= have ? end : -1;
            }
        }
        return -1;
    }

    private static int contentLength(byte[] buf, int headEnd) {
        String head = new String(buf, 0, headEnd, StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
        int at = head.indexOf("content-length:");
        if (at < 0) {
            return 0;
        }
        int eol = head.indexOf('\r', at);
        return Integer.parseInt(head.substring(at + 15, eol).trim());
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
