package dev.bursar.budgets;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Spend and outstanding reservations per (budget, scope value, window instance). A counter that does not exist yet is
 * started once from the ledger's settled spend ({@link StartingSpend}), so a restart does not reset a month.
 * Implementations: {@link InProcessBudgetCounters} (embedded) and {@link RedisBudgetCounters} (shared by replicas);
 * both pass {@code BudgetCountersContractTest}.
 */
public interface BudgetCounters extends AutoCloseable {

    Duration DEFAULT_RESERVATION_TTL = Duration.ofMinutes(15);

    /**
     * Holds {@code amountUsd} on every key's window at {@code at}, atomically: when for any hard key
     * spent + reserved + amount > limit, nothing is held and that key is reported. Soft keys are held but never refuse.
     *
     * @throws BudgetStoreUnavailable when the store cannot be reached
     */
    ReserveResult reserve(List<BudgetKey> keys, BigDecimal amountUsd, Instant at);

    /**
     * {@link #reserve} when it can be done without waiting for the store (counters that lease room admit from it),
     * else null; never refuses.
     */
    default Reservation reserveAtOnce(List<BudgetKey> keys, BigDecimal amountUsd, Instant at) {
        return null;
    }

    /**
     * {@link #reserve} answered later where the store is remote, so that a caller can ask other stores meanwhile. The
     * stage fails with {@link BudgetStoreUnavailable} when the store cannot be reached.
     */
    default CompletionStage<ReserveResult> reserveLater(List<BudgetKey> keys, BigDecimal amountUsd, Instant at) {
        try {
            return CompletableFuture.completedFuture(reserve(keys, amountUsd, at));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Drops the reservation and adds {@code actualUsd} to every key's spend (also when it is more than was reserved,
     * or the reservation already expired: spend is never lost). Returns each key's totals after, in key order.
     */
    List<WindowTotals> settle(Reservation reservation, BigDecimal actualUsd);

    /**
     * {@link #settle} without waiting for the store where it is remote; the settle is still applied before any later
     * call on these counters. The stage fails with {@link BudgetStoreUnavailable} when the store cannot be reached.
     */
    default CompletionStage<List<WindowTotals>> settleLater(Reservation reservation, BigDecimal actualUsd) {
        try {
            return CompletableFuture.completedFuture(settle(reservation, actualUsd));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * {@link #settleLater} for a caller that has no use for the totals (no alert thresholds to check): counters that
     * book spend in batches may answer at once, with no totals. The stage fails as {@link #settleLater}'s would.
     */
    default CompletionStage<List<WindowTotals>> settleWithoutTotals(Reservation reservation, BigDecimal actualUsd) {
        return settleLater(reservation, actualUsd);
    }

    /** Drops the reservation without spend (the call never went out). */
    void release(Reservation reservation);

    /** The key's window at {@code at}. */
    WindowTotals totals(BudgetKey key, Instant at);

    /** The scope values that have counters in {@code key}'s budget and window at {@code at} ({@code key.value()} is ignored). */
    Set<String> valuesSeen(BudgetKey key, Instant at);

    @Override
    default void close() {
    }
}
