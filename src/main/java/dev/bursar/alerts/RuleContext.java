package dev.bursar.alerts;

import dev.bursar.storage.Database;
import java.time.Instant;

/** What a rule evaluates against: the ledger's database and the evaluation time (one instant for every rule). */
public record RuleContext(Database db, Instant now) {

    long nowMicros() {
        return micros(now);
    }

    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
