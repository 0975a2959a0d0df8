package dev.bursar.alerts;

import java.time.Duration;
import java.util.List;

/**
 * How hard a webhook is tried: up to {@code attempts} calls, waiting {@code backoff.get(i)} after failed call i
 * (the last wait repeats), each call limited to {@code timeout}. Retried on no response, 429 and 5xx; other 4xx
 * mean the receiver refuses the body and are not retried.
 */
public record RetryPolicy(int attempts, List<Duration> backoff, Duration timeout) {

    /** 3 attempts over about 10 s: waits of 2 s and 6 s, 5 s per call. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, List.of(Duration.ofSeconds(2), Duration.ofSeconds(6)),
            Duration.ofSeconds(5));

    public RetryPolicy {
        if (attempts < 1 || backoff.isEmpty()) {
            throw new IllegalArgumentException("a retry policy needs at least one attempt and one backoff duration");
        }
        backoff = List.copyOf(backoff);
    }

    Duration waitAfter(int attempt) {
        return backoff.get(Math.min(attempt, backoff.size()) - 1);
    }
}
