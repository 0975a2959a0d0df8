package dev.bursar.resilience;

import dev.bursar.config.RetryConfig;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The wait before a retry. Exponential: {@code min(max, base · 2^(n-1))} before the n-th retry; constant: {@code base}
 * every time. Full jitter then draws the wait uniformly in [0, that] (whole milliseconds), so clients that failed
 * together do not retry together; no jitter waits exactly that.
 */
public record Backoff(RetryConfig.Backoff shape, Duration base, Duration max, RetryConfig.Jitter jitter) {

    public Backoff {
        if (base.isNegative() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 <= base <= max, got base " + base + ", max " + max);
        }
    }

    /** No wait at all: what {@code gateway.max-attempts} always did. */
    public static Backoff none() {
        return new Backoff(RetryConfig.Backoff.CONSTANT, Duration.ZERO, Duration.ZERO, RetryConfig.Jitter.NONE);
    }

    /** The wait before the {@code retry}-th retry (1 = the second attempt), before jitter. */
    public Duration ceiling(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retries count from 1, got " + retry);
        }
        Duration d = base;
        if (shape == RetryConfig.Backoff.EXPONENTIAL) {
            // Doubling step by step stops at max, so a large retry number cannot overflow.
            for (int i = 1; i < retry && d.compareTo(max) < 0; i++) {
                d = d.multipliedBy(2);
            }
        }
        return d.compareTo(max) > 0 ? max : d;
    }

    /** The wait before the {@code retry}-th retry, jitter applied with {@code random}. */
    public Duration delay(int retry, RandomGenerator random) {
        Duration ceiling = ceiling(retry);
        return switch (jitter) {
            case NONE -> ceiling;
            case FULL -> Duration.ofMillis(random.nextLong(ceiling.toMillis() + 1));
        };
    }
}
