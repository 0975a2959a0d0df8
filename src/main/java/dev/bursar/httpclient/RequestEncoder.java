package dev.bursar.httpclient;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Writes a request's head and body into one byte array, so it leaves in one write. */
final class RequestEncoder {

    /** Headers the client computes itself; a caller setting them would corrupt the framing. */
    private static final Set<String> OWNED = Set.of("host", "content-length", "connection", "transfer-encoding",
            "keep-alive", "upgrade", "te", "expect");

    private RequestEncoder() {
    }

    static byte[] encode(Http1Request request, PoolKey key) {
        StringBuilder head = new StringBuilder(256);
        head.append(request.method()).append(' ').append(target(request.uri())).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(key.hostHeader()).append("\r\n");
        if ("POST".equals(request.method())) {
            head.append("Content-Length: ").append(request.body().length).append("\r\n");
        }
        head.append("Connection: keep-alive\r\n");
        boolean userAgent = false;
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            String name = h.getKey();
            checkHeader(name, h.getValue());
            userAgent |= name.equalsIgnoreCase("user-agent");
            head.append(name).append(": ").append(h.getValue()).append("\r\n");
        }
        if (!userAgent) {
            head.append("User-Agent: bursar\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = request.body();
        byte[] wire = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, wire, 0, headBytes.length);
        System.arraycopy(body, 0, wire, headBytes.length, body.length);
        return wire;
    }

    private static String target(URI uri) {
        String path = uri.getRawPath();
        String query = uri.getRawQuery();
        String target = path == null || path.isEmpty() ? "/" : path;
        return query == null ? target : target + "?" + query;
    }

    private static void checkHeader(String name, String value) {
        if (name.isEmpty() || !name.chars().allMatch(RequestEncoder::isTokenChar)) {
            throw new IllegalArgumentException("invalid HTTP header name: '" + name + "'");
        }
        if (OWNED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("header " + name + " is set by the HTTP client; remove it from the request");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
                throw new IllegalArgumentException("header " + name + " has a control or non-Latin-1 character at index " + i);
            }
        }
    }

    private static boolean isTokenChar(int c) {
        return c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }
}
