package dev.bursar.reconcile;

import dev.bursar.pricing.Usage;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * One day × provider × model. A side is empty when it has no line for the key (not the same as a line of zeros).
 * {@code dollars} says which measure the verdict compared: dollars (a cost report) or tokens (a usage report).
 */
public record ReconcileRow(LocalDate day, String provider, String model, Optional<Side> ledger,
                           Optional<Side> reported, boolean dollars, Verdict verdict) {

    /** Provider minus ledger, by token class. Negative counts are allowed here, so it is not a {@link Usage}. */
    public long[] tokenDifference() {
        Usage l = ledger.orElse(Side.ZERO).tokens();
        Usage p = reported.orElse(Side.ZERO).tokens();
        return new long[] {p.inputTokens() - l.inputTokens(), p.cachedInputTokens() - l.cachedInputTokens(),
                p.cacheWriteTokens() - l.cacheWriteTokens(), p.outputTokens() - l.outputTokens()};
    }

    /** Provider minus ledger, in dollars. */
    public BigDecimal costDifference() {
        return reported.orElse(Side.ZERO).costUsd().subtract(ledger.orElse(Side.ZERO).costUsd());
    }
}
