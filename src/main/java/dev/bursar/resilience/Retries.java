package dev.bursar.resilience;

import dev.bursar.providers.ProviderException;
import java.time.Clock;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The attempt loop's one question, "after this failure, try again?", answered by a {@link RetryPolicy} and the wait
 * done here. Shared by concurrent requests, so {@code random} must be thread-safe ({@link java.util.Random} is).
 */
public final class Retries {

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final Clock clock;

    public Retries(RetryPolicy policy, Sleeper sleeper, RandomGenerator random, Clock clock) {
        this.policy = policy;
        this.sleeper = sleeper;
        this.random = random;
        this.clock = clock;
    }

    public RetryPolicy policy() {
        return policy;
    }

    /**
     * Whether to make attempt {@code failedAttempt + 1} after {@code failure}; when true, the wait is over. False
     * (give up) too when the wait is interrupted: the gateway is stopping, and the client still gets the error.
     */
    public boolean again(int failedAttempt, ProviderException failure) {
        Duration retryAfter = RetryAfter.of(failure.upstreamHeaders(), clock.instant());
        var wait = policy.waitAfter(failedAttempt, failure.error(), retryAfter, random);
        if (wait.isEmpty()) {
            return false;
        }
        if (wait.get().isPositive()) {
            try {
                sleeper.sleep(wait.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
