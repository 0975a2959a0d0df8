package dev.bursar.budgets;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Worst-case spend held against budgets until settled or released, or until {@code expiresAt} (a crashed replica
 * cannot hold budget forever).
 *
 * @param at when the call started: which window (and, for rolling windows, which hour) its spend belongs to
 */
public record Reservation(String id, List<BudgetKey> keys, BigDecimal amountUsd, Instant at, Instant expiresAt) {
    public Reservation {
        keys = List.copyOf(keys);
    }
}
