package dev.bursar.ratelimits;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where the rate-limit counters live: {@link InProcessRateLimiter} (one process), {@link RedisRateLimiter} (shared
 * by replicas, one script call per admission) or {@link LeasedRateLimiter} (shared, most calls counted from chunks
 * leased by this replica). All count with {@link SlidingWindow} and pass {@code RateLimiterContractTest}. Give one to
 * {@link RateLimitControl}; its methods are the control's business.
 */
public sealed interface RateLimiter extends AutoCloseable permits InProcessRateLimiter, RedisRateLimiter, LeasedRateLimiter {

    /** Atomically: if no check is over, one request and {@code tokens} tokens are added to every counter. */
    Verdict take(List<String> counters, List<LimitCheck> checks, long tokens, long nowMillis);

    /** {@link #take}, answered later where the counters are remote; fails with what {@link #take} would throw. */
    default CompletableFuture<Verdict> takeLater(List<String> counters, List<LimitCheck> checks, long tokens, long nowMillis) {
        try {
            return CompletableFuture.completedFuture(take(counters, checks, tokens, nowMillis));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** {@link #take} from what this replica holds (leased chunks), without waiting; null when it cannot. */
    default Verdict.Admitted takeAtOnce(List<String> counters, long tokens, long nowMillis) {
        return null;
    }

    /** Adds {@code deltaTokens} (negative gives back) to the slot the admission took from, if it still counts. */
    void adjust(Taken taken, long deltaTokens, long nowMillis);

    @Override
    default void close() {
    }
}
