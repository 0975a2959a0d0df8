package dev.bursar.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one request per connection, for tests that must send what real clients refuse to
 * (control characters and raw bytes in header values, any Content-Type or none).
 */
public final class RawHttpClient {

    /** A response; header names are lower case, the body is de-chunked. */
    public record Response(int status, Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** One header as raw bytes, sent exactly as given (ISO-8859-1 for the name, the value's bytes as they are). */
    public record Header(String name, byte[] value) {
        public static Header of(String name, String value) {
            return new Header(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final int port;

    public RawHttpClient(int port) {
        this.port = port;
    }

    public Response send(String method, String path, List<Header> headers, byte[] body) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            ByteArrayOutputStream req = new ByteArrayOutputStream(body == null ? 256 : body.length + 512);
            req.writeBytes((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            for (Header h : headers) {
                req.writeBytes((h.name() + ": ").getBytes(StandardCharsets.ISO_8859_1));
                req.writeBytes(h.value());
                req.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            if (body != null) {
                req.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            req.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                req.writeBytes(body);
            }
            try {
                out.write(req.toByteArray());
                out.flush();
            } catch (IOException e) {
                // A server may answer (413, say) and close before reading all of a body; its answer is still there.
                try {
                    return read(new java.io.BufferedInputStream(s.getInputStream()));
                } catch (IOException unreadable) {
                    e.addSuppressed(unreadable);
                    throw e;
                }
            }
            return read(new java.io.BufferedInputStream(s.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one response: the head, then Content-Length bytes, a chunked body, or up to end of stream. */
    private static Response read(java.io.InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("the server closed the connection without answering");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String l = line(in); l != null && !l.isEmpty(); l = line(in)) {
            int colon = l.indexOf(':');
            headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
                out.write(in.readNBytes(size));
                line(in);
            }
            body = out.toByteArray();
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, headers, body);
    }

    private static int chunkSize(java.io.InputStream in) throws IOException {
        String l = line(in);
        return l == null || l.isBlank() ? 0 : Integer.parseInt(l.split(";")[0].trim(), 16);
    }

    /** One CRLF-terminated line as ISO-8859-1, or null at end of stream. */
    private static String line(java.io.InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(64);
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                byte[] bytes = b.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }
}
