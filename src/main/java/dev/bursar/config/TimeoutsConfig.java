package dev.bursar.config;

import java.time.Duration;

/**
 * {@code timeouts:} under {@code resilience} (the defaults of every provider) or under one provider (overriding
 * them key by key). Every key is optional: null means "not set here".
 *
 * @param connect       TCP connect plus TLS handshake
 * @param firstToken    from the start of the attempt until the response head and, for a stream, its first event
 * @param betweenEvents the longest silence between two stream events
 * @param total         the whole attempt: a whole answer's last byte, a stream's last event
 */
public record TimeoutsConfig(Duration connect, Duration firstToken, Duration betweenEvents, Duration total) {

    public TimeoutsConfig {
        positive("connect", connect);
        positive("first-token", firstToken);
        positive("between-events", betweenEvents);
        positive("total", total);
    }

    public static TimeoutsConfig none() {
        return new TimeoutsConfig(null, null, null, null);
    }

    private static void positive(String key, Duration d) {
        if (d != null && (d.isZero() || d.isNegative())) {
            throw new IllegalArgumentException(key + " must be a positive duration (e.g. 2s, 500ms)");
        }
    }
}
