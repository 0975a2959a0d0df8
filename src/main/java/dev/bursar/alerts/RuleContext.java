package dev.bursar.alerts;

import dev.bursar.ledger.LedgerStats;
import dev.bursar.ledger.TimeRange;
import java.time.Duration;
import java.time.Instant;

/**
 * What a rule evaluates against: the ledger's queries and the evaluation time (one instant for every rule). Rules
 * read the ledger only through {@link LedgerStats}; its tables belong to the ledger package.
 */
public record RuleContext(LedgerStats ledger, Instant now) {

    /** The window of the last {@code length} up to now. */
    TimeRange last(Duration length) {
        return new TimeRange(now.minus(length), now);
    }

    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
