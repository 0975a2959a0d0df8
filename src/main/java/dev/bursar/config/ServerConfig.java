package dev.bursar.config;

/**
 * The listening side.
 *
 * @param host         interface to bind; 127.0.0.1 unless told otherwise
 * @param port         TCP port; 0 picks a free one (tests)
 * @param maxBodyBytes requests larger than this are refused with 413 in the client's wire
 * @param masterKey    admin API key; null means "take BURSAR_MASTER_KEY or generate one at first start"
 */
public record ServerConfig(String host, Integer port, Long maxBodyBytes, String masterKey) {

    public static final int DEFAULT_PORT = 4400;
    public static final long DEFAULT_MAX_BODY_BYTES = 8L * 1024 * 1024;

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
    }

    public static ServerConfig defaults() {
        return new ServerConfig(null, null, null, null);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, maxBodyBytes, masterKey);
    }
}
