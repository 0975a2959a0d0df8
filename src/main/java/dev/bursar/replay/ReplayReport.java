package dev.bursar.replay;

import java.time.Instant;
import java.util.List;

/**
 * What {@code bursar replay} prints: one line per feature (largest actual cost first) and the total.
 *
 * @param captured        captures found in the range
 * @param unmatched       captures without an answered ledger row (the row's attempt failed, or it was deleted): left out
 * @param scorer          the scorer used ("none" when none)
 * @param semanticHitRisk the expected quality change counted for each semantic hit
 */
public record ReplayReport(Instant from, Instant to, String scorer, long captured, long unmatched, List<ReplayLine> features,
                           ReplayLine total, double semanticHitRisk) {
}
