package dev.bursar.config;

/**
 * The shared Redis for budget counters, reservations and rate-limit windows across gateway replicas. In YAML either a
 * URL ({@code redis: "redis://127.0.0.1:6379"}) or {@code {url: …, key-prefix: …}}; the prefix keeps tenants and
 * test runs apart.
 */
public record RedisConfig(String url, String keyPrefix) {

    public RedisConfig {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("redis needs a url, e.g. redis://127.0.0.1:6379");
        }
        if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
            throw new IllegalArgumentException("redis url must start with redis:// or rediss://, got '" + url + "'");
        }
        keyPrefix = keyPrefix == null || keyPrefix.isBlank() ? "bursar" : keyPrefix;
    }
}
