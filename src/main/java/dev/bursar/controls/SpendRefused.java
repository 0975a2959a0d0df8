package dev.bursar.controls;

import java.math.BigDecimal;
import java.time.Instant;

/** A call refused before any token was bought. The gateway answers in the client's wire. */
public final class SpendRefused extends RuntimeException {

    /** Why. */
    public sealed interface Reason {
        /** Reserving the worst case would cross a hard budget. */
        record BudgetExceeded(String budget, String scope, String match, String window, BigDecimal limitUsd,
                              BigDecimal spentUsd, BigDecimal reservedUsd, BigDecimal worstCaseUsd, Instant resetsAt)
                implements Reason { }

        /** A requests- or tokens-per-minute limit is used up. {@code kind} is "requests" or "tokens". */
        record RateLimited(String kind, String scope, String match, long limit, long retryAfterMillis, RateLimitStatus status)
                implements Reason { }

        /** The budget store cannot be reached and a budget that applies fails closed. */
        record StoreUnavailable(String budget, String message) implements Reason { }
    }

    private final Reason reason;

    public SpendRefused(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
