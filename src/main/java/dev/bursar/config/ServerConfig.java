package dev.bursar.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The listening side.
 *
 * @param host         interface to bind; 127.0.0.1 unless told otherwise
 * @param port         TCP port; 0 picks a free one (tests)
 * @param maxBodyBytes requests larger than this are refused with 413 in the client's wire
 * @param masterKey    admin API key; null means "take BURSAR_MASTER_KEY or generate one at first start"
 * @param cors         web origins (scheme://host[:port], or "*") whose pages may call the gateway; none by default
 */
public record ServerConfig(String host, Integer port, Long maxBodyBytes, String masterKey, List<String> cors) {

    public static final int DEFAULT_PORT = 4400;
    public static final long DEFAULT_MAX_BODY_BYTES = 8L * 1024 * 1024;
    private static final Pattern ORIGIN = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s?#]+");

    public ServerConfig {
        host = host == null ? "127.0.0.1" : host;
        port = port == null ? DEFAULT_PORT : port;
        maxBodyBytes = maxBodyBytes == null ? DEFAULT_MAX_BODY_BYTES : maxBodyBytes;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("server.port must be 0..65535, got " + port);
        }
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("server.max-body-bytes must be positive");
        }
        cors = cors == null ? List.of() : List.copyOf(cors);
        for (String origin : cors) {
            if (!origin.equals("*") && !ORIGIN.matcher(origin).matches()) {
                throw new IllegalArgumentException("server.cors entries are origins like 'http://localhost:3000'"
                        + " (scheme, host and port, no path or trailing slash) or '*', got '" + origin + "'");
            }
        }
    }

    public ServerConfig(String host, Integer port, Long maxBodyBytes, String masterKey) {
        this(host, port, maxBodyBytes, masterKey, List.of());
    }

    public static ServerConfig defaults() {
        return new ServerConfig(null, null, null, null, null);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, maxBodyBytes, masterKey, cors);
    }

    public ServerConfig withHost(String newHost) {
        return new ServerConfig(newHost, port, maxBodyBytes, masterKey, cors);
    }
}
