package dev.bursar.planning;

import dev.bursar.pricing.PriceCatalog;
import dev.bursar.pricing.PriceClass;
import dev.bursar.pricing.PriceSet;
import dev.bursar.pricing.PriceVersion;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * A model's prices per million tokens, from the catalog (the version in force at a date) or from flags. A class
 * the catalog does not list falls back as {@link PriceSet} says (a cache write without its own price costs the input
 * price, a batch price the real-time one).
 *
 * @param source where the prices come from: a catalog version label ({@code gpt-4o@2024-10-01}) or "flags"
 */
public record TokenPrices(BigDecimal input, BigDecimal output, BigDecimal cachedInput, BigDecimal cacheWrite5m,
                          BigDecimal cacheWrite1h, BigDecimal batchInput, BigDecimal batchOutput, String source) {

    /** The prices of {@code model} in force at {@code at}; the error names close model names when it is unknown. */
    public static TokenPrices of(PriceCatalog catalog, String model, Instant at) {
        Optional<PriceVersion> version = catalog.versionAt(model, at);
        if (version.isEmpty()) {
            if (catalog.model(model).isPresent()) {
                throw new IllegalArgumentException("the catalog has no price for " + model + " at " + at);
            }
            throw new IllegalArgumentException("unknown model '" + model + "'; did you mean "
                    + String.join(", ", catalog.suggestions(model, 3)) + "? (`bursar prices list` shows them all)");
        }
        PriceSet p = version.get().base();
        return new TokenPrices(p.usdPerMillion(PriceClass.INPUT), p.usdPerMillion(PriceClass.OUTPUT),
                p.usdPerMillion(PriceClass.CACHED_INPUT), p.usdPerMillion(PriceClass.CACHE_WRITE_5M),
                p.usdPerMillion(PriceClass.CACHE_WRITE_1H), p.usdPerMillion(PriceClass.BATCH_INPUT),
                p.usdPerMillion(PriceClass.BATCH_OUTPUT), version.get().label());
    }

    /** Input and output prices given as flags; the other classes stand in as the catalog's fallbacks would. */
    public static TokenPrices ofFlags(BigDecimal input, BigDecimal output) {
        Decimals.requireNonNegative(input, "--input-usd-per-million");
        Decimals.requireNonNegative(output, "--output-usd-per-million");
        return new TokenPrices(input, output, input, input, input, input, output, "flags");
    }

    /** USD of one call with these tokens at the real-time prices. */
    public BigDecimal callUsd(BigDecimal inputTokens, BigDecimal outputTokens) {
        return Decimals.strip(Decimals.usd(inputTokens, input).add(Decimals.usd(outputTokens, output)));
    }
}
