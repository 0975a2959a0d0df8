package dev.bursar.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP/1.1 client that sends exactly the bytes it is given: raw UTF-8 header values, oversized headers and other
 * things java.net.http refuses to send.
 */
public final class RawHttpPost {

    private RawHttpPost() {
    }

    /** The status, the head (status line and headers) and the body as UTF-8 text. */
    public record Response(int status, String head, String body) { }

    /**
     * POSTs a JSON body with exactly these extra header lines ({@code "Name: value\r\n"} each), as UTF-8 bytes.
     */
    public static Response post(String baseUrl, String path, String headers, String body) throws IOException {
        URI base = URI.create(baseUrl);
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Type: application/json\r\n"
                + "Connection: close\r\nContent-Length: " + payload.length + "\r\n" + headers + "\r\n";
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(10_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.write(head.getBytes(StandardCharsets.UTF_8));
            request.write(payload);
            try {
                // One write, so the whole request is sent before a server that refuses it early can close.
                OutputStream out = s.getOutputStream();
                out.write(request.toByteArray());
                out.flush();
            } catch (SocketException e) {
                // The server answered and closed before reading everything: its answer is still there to read.
            }
            return read(s.getInputStream());
        }
    }

    /** Reads one response: the head, then a Content-Length or chunked body (the connection may stay open). */
    private static Response read(InputStream in) throws IOException {
        String head = line(in);
        StringBuilder headers = new StringBuilder(head);
        long length = 0;
        boolean chunked = false;
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            headers.append("\r\n").append(h);
            String lower = h.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
        } else {
            body.write(in.readNBytes((int) length));
        }
        return new Response(Integer.parseInt(head.split(" ")[1]), headers.toString(), body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed mid-response: " + line);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
