package dev.bursar.httpclient;

import java.net.URI;
import java.util.Locale;

/** Connections are shared per scheme, host and port. {@code host} keeps IPv6 brackets, as in a Host header. */
record PoolKey(boolean tls, String host, int port) {

    static PoolKey of(URI uri) {
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() >= 0 ? uri.getPort() : tls ? 443 : 80;
        return new PoolKey(tls, uri.getHost().toLowerCase(Locale.ROOT), port);
    }

    /** The host without IPv6 brackets, for resolving and connecting. */
    String address() {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    boolean isIpLiteral() {
        return host.startsWith("[") || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    String hostHeader() {
        return port == (tls ? 443 : 80) ? host : host + ":" + port;
    }

    @Override
    public String toString() {
        return (tls ? "https://" : "http://") + host + ":" + port;
    }
}
