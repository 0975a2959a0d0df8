package dev.bursar.httpclient;

import java.net.URI;
import java.util.Map;

/**
 * One request. {@code headers} are sent as given, after the ones the client owns (Host, Content-Length,
 * Connection), which callers may not set. {@code body} is empty for a GET.
 */
public record Http1Request(String method, URI uri, Map<String, String> headers, byte[] body) {

    private static final byte[] NONE = new byte[0];

    public Http1Request {
        if (!"GET".equals(method) && !"POST".equals(method)) {
            throw new IllegalArgumentException("Http1Client sends GET or POST, not " + method);
        }
        String scheme = uri.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("upstream URL must start with http:// or https://, got " + uri);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("upstream URL has no host: " + uri);
        }
        headers = Map.copyOf(headers);
        body = body == null ? NONE : body;
    }

    public static Http1Request post(URI uri, Map<String, String> headers, byte[] body) {
        return new Http1Request("POST", uri, headers, body);
    }

    public static Http1Request get(URI uri, Map<String, String> headers) {
        return new Http1Request("GET", uri, headers, NONE);
    }
}
