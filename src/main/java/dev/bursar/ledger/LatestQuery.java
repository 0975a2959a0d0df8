package dev.bursar.ledger;

import java.time.Instant;
import java.util.Optional;

/**
 * The newest rows before {@code before}, at most {@code limit}, optionally only one customer, feature, model (the
 * served model) or status ({@link AttemptStatus#label()}). Empty filters match everything.
 */
public record LatestQuery(Optional<String> customer, Optional<String> feature, Optional<String> model,
                          Optional<AttemptStatus> status, Instant before, int limit) {

    /** The most rows one call returns: a page of the dashboard, not an export (that is {@code /admin/ledger}). */
    public static final int MAX_LIMIT = 500;

    public LatestQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("'limit' must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
    }
}
