package dev.bursar.budgets;

import java.time.Instant;
import java.util.Optional;

/**
 * The window a moment falls in.
 *
 * @param start when the window began (for rolling windows: the start of the oldest hour counted)
 * @param end   when it resets (for rolling windows: when the oldest hour drops out); null for lifetime windows
 */
public record WindowInstance(Instant start, Instant end) {

    public Optional<Instant> resetsAt() {
        return Optional.ofNullable(end);
    }

    public boolean contains(Instant t) {
        return !t.isBefore(start) && (end == null || t.isBefore(end));
    }
}
