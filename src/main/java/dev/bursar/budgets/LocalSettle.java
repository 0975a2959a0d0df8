package dev.bursar.budgets;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The settle of a call admitted from leases: its window totals (for alert thresholds) are known once every lease it
 * drew on has booked its spend in Redis. Each booking is given the spend before and after it within its renewal, so
 * a threshold crossed by a renewal that booked many calls is reported by exactly one of them.
 */
final class LocalSettle {

    private final WindowTotals[] totals;
    private int waiting;
    final CompletableFuture<List<WindowTotals>> done = new CompletableFuture<>();

    LocalSettle(int keys) {
        this.totals = new WindowTotals[keys];
        this.waiting = keys;
    }

    /** Completes the settle when this was the last of its keys to be booked. Call without holding the counters' lock. */
    void booked(int index, WindowTotals after) {
        boolean last;
        synchronized (this) {
            totals[index] = after;
            last = --waiting == 0;
        }
        if (last) {
            done.complete(Arrays.asList(totals));
        }
    }

    void failed(Throwable error) {
        done.completeExceptionally(error);
    }
}
