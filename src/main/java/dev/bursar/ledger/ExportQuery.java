package dev.bursar.ledger;

import java.time.Instant;

/** Rows with {@code from <= time < to}; {@code limit} 0 means all. */
public record ExportQuery(Instant from, Instant to, long limit) {
}
