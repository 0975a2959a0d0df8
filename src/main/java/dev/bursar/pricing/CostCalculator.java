package dev.bursar.pricing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prices calls exactly: Σ tokens of each class × that class's price per million ÷ 10^6, with no rounding.
 *
 * <p>Classes: the uncached part of the prompt at {@code input}, cache reads at {@code cached_input}, cache writes at
 * {@code cache_write_5m} / {@code cache_write_1h}, output (reasoning included) at {@code output}. A batch call uses
 * {@code batch_input} / {@code batch_output} and prefixes every line with {@code batch_}; cache classes keep their
 * own prices in a batch, since providers publish no separate batch cache prices. When the whole prompt exceeds a
 * long-context tier's threshold, every class is priced from that tier. Missing classes fall back as described in
 * {@link PriceSet}.
 */
public final class CostCalculator {

    private final PriceCatalog catalog;

    public CostCalculator(PriceCatalog catalog) {
        this.catalog = catalog;
    }

    /** Exact cost of a call to {@code model} (name or alias) with this usage, by the price in force at {@code at}. */
    public Cost cost(String model, Usage usage, Instant at, boolean batch) {
        return price(model, usage, at, batch, null);
    }

    /** The cost plus, per line, why a stand-in price was used (lines billed at their own price have no note). */
    public Breakdown breakdown(String model, Usage usage, Instant at, boolean batch) {
        Map<String, String> notes = new LinkedHashMap<>();
        Cost cost = price(model, usage, at, batch, notes);
        return new Breakdown(cost, notes);
    }

    /** A cost with a note for every line whose class had no price of its own, keyed by line name. */
    public record Breakdown(Cost cost, Map<String, String> notes) {
        public Breakdown {
            notes = Map.copyOf(notes);
        }

        public Optional<String> note(CostLine line) {
            return Optional.ofNullable(notes.get(line.tokenClass()));
        }
    }

    private Cost price(String model, Usage usage, Instant at, boolean batch, Map<String, String> notes) {
        Optional<CatalogModel> found = catalog.find(model);
        if (found.isEmpty()) {
            return Cost.unpriced(model);
        }
        Optional<PriceVersion> version = found.get().versionAt(at.getEpochSecond());
        if (version.isEmpty()) {
            return Cost.unpriced(model);
        }
        PriceSet prices = version.get().pricesFor(usage.inputTokens());
        String prefix = batch ? "batch_" : "";
        List<CostLine> lines = new ArrayList<>(5);
        add(lines, notes, prefix, PriceClass.INPUT, usage.uncachedInputTokens(),
                prices.rate(batch ? PriceClass.BATCH_INPUT : PriceClass.INPUT));
        add(lines, notes, prefix, PriceClass.CACHED_INPUT, usage.cachedInputTokens(), prices.rate(PriceClass.CACHED_INPUT));
        add(lines, notes, prefix, PriceClass.CACHE_WRITE_5M, usage.cacheWrite5mTokens(), prices.rate(PriceClass.CACHE_WRITE_5M));
        add(lines, notes, prefix, PriceClass.CACHE_WRITE_1H, usage.cacheWrite1hTokens(), prices.rate(PriceClass.CACHE_WRITE_1H));
        add(lines, notes, prefix, PriceClass.OUTPUT, usage.outputTokens(),
                prices.rate(batch ? PriceClass.BATCH_OUTPUT : PriceClass.OUTPUT));
        BigDecimal total = BigDecimal.ZERO;
        for (CostLine line : lines) {
            total = total.add(line.usd());
        }
        return new Cost(found.get().info().id(), version.get().label(), total, lines, true);
    }

    private static void add(List<CostLine> lines, Map<String, String> notes, String prefix, PriceClass cls, long tokens, Rate rate) {
        if (tokens == 0) {
            return;
        }
        String name = prefix + cls.key();
        BigDecimal usd = BigDecimal.valueOf(tokens).multiply(rate.usdPerMillion()).movePointLeft(6);
        lines.add(new CostLine(name, tokens, rate.usdPerMillion(), usd));
        if (notes != null && rate.isFallback()) {
            notes.put(name, rate.fallbackNote());
        }
    }
}
