package dev.bursar.controls;

import java.math.BigDecimal;
import java.util.concurrent.CompletableFuture;

/**
 * Budgets and rate limits as the gateway sees them: {@link #admit} before calling a provider reserves the worst case
 * against every budget that applies and takes the rate-limit slots, atomically (all or nothing); {@link #settle}
 * after the call books the exact cost and tokens and releases the rest. Implementations: in process (embedded) and
 * Redis (shared by replicas); both pass one contract test.
 */
public interface SpendControl extends AutoCloseable {

    /**
     * {@link #admit}, answered later where the store is remote, so that several controls can ask their stores at once.
     * The stage fails with what {@link #admit} would throw.
     */
    default CompletableFuture<Permit> admitLater(CallFacts facts) {
        try {
            return CompletableFuture.completedFuture(admit(facts));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Waits for an {@link #admitLater} stage and throws what it failed with, as {@link #admit} would. */
    static Permit await(CompletableFuture<Permit> admitted) {
        try {
            return admitted.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw cause(e);
        }
    }

    /** What a stage of these controls failed with: the refusal or error itself, not its completion wrapper. */
    static RuntimeException cause(Throwable t) {
        Throwable c = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
        return c instanceof RuntimeException r ? r : new IllegalStateException(c);
    }

    /**
     * {@link #admit} answered without waiting for any store (from what this replica holds, e.g. a lease), or null when
     * that cannot be done; never refuses (a call that might be refused is answered by {@link #admitLater}). The
     * gateway asks this first: most calls are admitted here, on a path with no futures.
     */
    default Permit admitAtOnce(CallFacts facts) {
        return null;
    }

    /** @throws SpendRefused when a hard budget or a rate limit would be crossed, or the store is down and fails closed */
    Permit admit(CallFacts facts);

    /**
     * Whether any budget or limit applies to a call by {@code who} on {@code model}; when none does, the gateway skips
     * admission altogether (counting the prompt's tokens costs more than the rest of the check).
     */
    default boolean covers(dev.bursar.attribution.Attribution who, String model) {
        return true;
    }

    /** Exactly once per permit, with the call's exact cost (zero for calls that bought nothing) and tokens. */
    void settle(Permit permit, BigDecimal actualUsd, long actualTokens);

    @Override
    default void close() {
    }

    /** No budgets, no limits. */
    static SpendControl none() {
        return new SpendControl() {
            @Override
            public boolean covers(dev.bursar.attribution.Attribution who, String model) {
                return false;
            }

            @Override
            public Permit admit(CallFacts facts) {
                return new Permit("none", null, RateLimitStatus.NONE);
            }

            @Override
            public void settle(Permit permit, BigDecimal actualUsd, long actualTokens) {
            }
        };
    }
}
