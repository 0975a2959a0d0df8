package dev.bursar.pricing;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * One price version of a model, in force from {@code effectiveFrom} (00:00 UTC) until the next version.
 *
 * @param label  the version string recorded with every cost, e.g. {@code gpt-4o@2024-10-01}
 * @param tiers  long-context tiers, any order; the highest threshold the prompt exceeds wins
 * @param source where the numbers come from (free text, may be empty)
 */
public record PriceVersion(String label, LocalDate effectiveFrom, PriceSet base, List<PriceTier> tiers, String source) {

    private static final long SECONDS_PER_DAY = 86_400L;

    public PriceVersion {
        tiers = tiers.stream().sorted(Comparator.comparingLong(PriceTier::aboveInputTokens).reversed()).toList();
    }

    static PriceVersion of(String modelId, LocalDate effectiveFrom, PriceSet base, List<PriceTier> tiers, String source) {
        return new PriceVersion(modelId + "@" + effectiveFrom, effectiveFrom, base, tiers, source);
    }

    /** First second (epoch, UTC) this version is in force. */
    long fromEpochSecond() {
        return effectiveFrom.toEpochDay() * SECONDS_PER_DAY;
    }

    /** The prices for a call with this many prompt tokens: the highest tier strictly exceeded, else the base. */
    public PriceSet pricesFor(long inputTokens) {
        for (PriceTier tier : tiers) {
            if (inputTokens > tier.aboveInputTokens()) {
                return tier.prices();
            }
        }
        return base;
    }

    PriceVersion relabel(String modelId) {
        return of(modelId, effectiveFrom, base, tiers, source);
    }
}
