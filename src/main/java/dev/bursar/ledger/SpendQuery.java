package dev.bursar.ledger;

import java.time.Instant;
import java.util.List;

/** Spend in [from, to), grouped by {@code groupBy} (may be empty: one total row). */
public record SpendQuery(List<Dimension> groupBy, Instant from, Instant to) {
    public SpendQuery {
        groupBy = List.copyOf(groupBy);
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("'from' must be before 'to'");
        }
    }
}
