package dev.bursar.resilience;

import dev.bursar.config.GatewayConfig;
import dev.bursar.config.ResilienceConfig;
import dev.bursar.config.RetryConfig;
import dev.bursar.providers.ProviderError;
import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When a failed upstream attempt is tried again, and after how long. The rules, in order:
 * <ol>
 *   <li>A failure the client caused (a 4xx other than 408/429: {@link ProviderError#retriable()} is false) is never
 *       retried: the same request would fail the same way, and each attempt may be billed.</li>
 *   <li>After {@code maxAttempts} attempts, the first included, Bursar gives up.</li>
 *   <li>Otherwise the wait is {@code max(retry-after, backoff)}: the provider's own advice ({@code retry-after-ms},
 *       else {@code retry-after}) is a floor, because retrying sooner is refused again and wastes the attempt.</li>
 *   <li>If the provider asks for longer than {@link Backoff#max()}, Bursar does not wait that long: it gives up at
 *       once and the client gets the provider's 429 with its {@code retry-after}, so the client (which knows whether
 *       it can wait) decides, and no request thread sleeps for minutes.</li>
 * </ol>
 * A stream is only retried while nothing has reached the client; that rule is the caller's, who knows.
 *
 * @param maxAttempts       attempts per request, the first included (1 = no retry)
 * @param backoff           the wait before each retry
 * @param honoursRetryAfter false only for {@code gateway.max-attempts}, which retried at once whatever the provider
 *                          said, and still does
 */
public record RetryPolicy(int maxAttempts, Backoff backoff, boolean honoursRetryAfter) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
    }

    /** {@code resilience.retry} when set, else {@code gateway.max-attempts} attempts with no wait (1 by default). */
    public static RetryPolicy from(GatewayConfig gateway, ResilienceConfig resilience) {
        RetryConfig r = resilience.retry();
        return r == null ? immediate(gateway.maxAttempts())
                : new RetryPolicy(r.maxAttempts(), new Backoff(r.backoff(), r.base(), r.max(), r.jitter()), true);
    }

    /** Up to {@code maxAttempts} attempts, one right after the other: {@code gateway.max-attempts}. */
    public static RetryPolicy immediate(int maxAttempts) {
        return new RetryPolicy(maxAttempts, Backoff.none(), false);
    }

    /**
     * How long to wait before attempt {@code failedAttempt + 1}, or empty to give up.
     *
     * @param failedAttempt the attempt that just failed, counted from 1
     * @param error         why it failed
     * @param retryAfter    the provider's advice, {@link Duration#ZERO} when it gave none
     * @param random        draws the jitter
     */
    public Optional<Duration> waitAfter(int failedAttempt, ProviderError error, Duration retryAfter, RandomGenerator random) {
        if (!error.retriable() || failedAttempt >= maxAttempts) {
            return Optional.empty();
        }
        Duration wait = backoff.delay(failedAttempt, random);
        if (!honoursRetryAfter) {
            return Optional.of(wait);
        }
        if (retryAfter.compareTo(backoff.max()) > 0) {
            return Optional.empty();
        }
        return Optional.of(retryAfter.compareTo(wait) > 0 ? retryAfter : wait);
    }
}
