package dev.bursar.budgets;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * This replica's lease on one budget key in one window cell: room reserved in Redis ({@code lease.lua}) that calls of
 * this replica draw on without a round trip. Fields are guarded by the owning {@link LeasedBudgetCounters}' lock.
 *
 * <p>Amounts are nanodollars. Invariant of a hard lease: {@code inFlight + unbooked <= size} (what its calls may
 * still cost, or cost but Redis has not booked yet, is inside what Redis holds for it), so admissions from leases can
 * never take a budget past its limit. While a renewal is on its way, calls are admitted only within what it keeps
 * ({@link #flightCap}): the rest of the free room may be given back.
 */
final class Lease {

    final BudgetKey key;
    /** The window's cells when the lease was made, oldest first; the last is the one the lease is in. */
    final List<Bucket> cells;
    final String id;
    private final Instant from;
    private final Instant to;

    /** Room Redis holds for the lease. */
    long size;
    /** Worst cases of calls admitted from the lease and not settled yet. */
    long inFlight;
    /** Actual spend of settled calls, not yet booked in Redis. */
    long unbooked;
    /** Settles whose spend is in {@link #unbooked}: completed with window totals once Redis booked them. */
    List<Booking> bookings = new ArrayList<>();
    /** Redis lets this replica admit calls from the lease. */
    boolean active;
    boolean renewing;
    /** While renewing: {@code inFlight + unbooked} may grow to this (the renewal keeps that much whatever Redis says). */
    long flightCap;
    /** The last renewal failed: no admissions until one succeeds (calls take the per-call path and its store-down rules). */
    boolean broken;
    /** Worst cases of this key's calls, by any path, since the last renewal: how much room to ask for. */
    long demand;
    /** Demand of recent renewal periods, halving each period without calls. */
    long recentDemand;
    long largestCall;
    long lastCallNanos;
    long lastRenewalNanos;
    /** After a caller asked for room back, the lease does not ask for more until then. */
    long coolUntilNanos;

    Lease(BudgetKey key, List<Bucket> cells, String id, long nowNanos) {
        this.key = key;
        this.cells = List.copyOf(cells);
        this.id = id;
        Bucket own = cells.getLast();
        this.from = own.from();
        this.to = own.to();
        this.lastCallNanos = nowNanos;
        this.lastRenewalNanos = nowNanos - java.time.Duration.ofHours(1).toNanos(); // due at once
    }

    /** Whether a call made at {@code at} belongs to the lease's cell. */
    boolean covers(Instant at) {
        return !at.isBefore(from) && (to == null || at.isBefore(to));
    }

    /** Whether the lease's cell is over at {@code now}: no call will draw on it again. */
    boolean over(Instant now) {
        return to != null && !now.isBefore(to);
    }

    boolean canTake(long amount) {
        if (!active || broken) {
            return false;
        }
        return !key.hard() || inFlight + unbooked + amount <= (renewing ? flightCap : size);
    }

    void noteCall(long amount, long nowNanos) {
        demand += amount;
        largestCall = Math.max(largestCall, amount);
        lastCallNanos = nowNanos;
    }

    boolean empty() {
        return size == 0 && inFlight == 0 && unbooked == 0 && bookings.isEmpty() && !renewing;
    }

    /** One settled call's spend on this lease; {@code index} is the key's place in the call's reservation. */
    record Booking(LocalSettle settle, int index, long actual) {
    }
}
