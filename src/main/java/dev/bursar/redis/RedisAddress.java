package dev.bursar.redis;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where Redis is and how to log in, from {@code redis://[[user]:password@]host[:port][/db]} ({@code rediss://} for
 * TLS). {@link #where()} is the URL without its password, for messages.
 */
public record RedisAddress(String host, int port, boolean tls, String user, String password, int database, String where) {

    public static RedisAddress parse(String url) {
        URI uri = URI.create(url);
        String scheme = uri.getScheme();
        if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
            throw new IllegalArgumentException("redis url must start with redis:// or rediss://, got '" + url + "'");
        }
        String host = uri.getHost() == null ? "127.0.0.1" : uri.getHost();
        int port = uri.getPort() < 0 ? 6379 : uri.getPort();
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            if (colon < 0) {
                password = decode(info);
            } else {
                user = colon == 0 ? null : decode(info.substring(0, colon));
                password = decode(info.substring(colon + 1));
            }
        }
        int database = 0;
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            try {
                database = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("redis url path must be a database number, got '" + path + "'");
            }
        }
        String where = scheme + "://" + (uri.getRawUserInfo() == null ? "" : "***@") + host + ":" + port
                + (database == 0 ? "" : "/" + database);
        return new RedisAddress(host, port, "rediss".equals(scheme), user, password, database, where);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
