package dev.bursar.promptcache;

import dev.bursar.ledger.PrefixCall;
import dev.bursar.ledger.PromptPrefixReader;
import dev.bursar.ledger.TimeRange;
import dev.bursar.pricing.PriceCatalog;
import dev.bursar.pricing.PriceSet;
import dev.bursar.pricing.PriceVersion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code bursar cache advise}: from the ledger's recorded prompt prefixes, the prompts that repeat within the
 * provider's cache lifetime, per feature, prompt version, served model and prefix, and what provider prompt caching
 * would save on them at the model's own cache-write and cache-read prices. Only groups with at least one reuse within
 * the lifetime are reported; the largest saving comes first.
 */
public final class CacheAdvisor {

    private final PriceCatalog catalog;
    /** One {@link CachePrices} per catalog price set, so a group's calls share their regime (identity is its key). */
    private final Map<PriceSet, CachePrices> regimes = new IdentityHashMap<>();

    public CacheAdvisor(PriceCatalog catalog) {
        this.catalog = catalog;
    }

    public Advice advise(PromptPrefixReader ledger, TimeRange range, CacheLifetime lifetime) {
        List<AdviceRow> rows = new ArrayList<>();
        PrefixTally[] current = new PrefixTally[1];
        ledger.forEachCall(range, call -> {
            if (current[0] == null || !current[0].holds(call)) {
                finish(current[0], rows);
                current[0] = new PrefixTally(call, lifetime);
            }
            current[0].add(call, prices(call));
        });
        finish(current[0], rows);
        rows.sort(Comparator.comparing((AdviceRow r) -> r.costs().saving()).reversed()
                .thenComparing(r -> r.group().feature()).thenComparing(r -> r.group().promptVersion())
                .thenComparing(r -> r.group().model()).thenComparing(r -> r.group().prefixHash()));
        return new Advice(range.from(), range.to(), lifetime, rows, Advice.Totals.of(rows));
    }

    private void finish(PrefixTally tally, List<AdviceRow> rows) {
        if (tally == null || !tally.repeated()) {
            return;
        }
        boolean discount = tally.lastPrices() != null && tally.lastPrices().readDiscount();
        String caching = catalog.model(tally.model())
                .map(m -> CachePrices.caching(m, discount)).orElse("none");
        rows.add(tally.row(caching));
    }

    /**
     * The prices in force when the call was made (for a prompt as long as its prefix: a long-context tier applies only
     * to prefixes past its threshold), or null for an unpriced model.
     */
    private CachePrices prices(PrefixCall call) {
        Optional<PriceVersion> version = catalog.versionAt(call.model(), call.time());
        return version.map(v -> regimes.computeIfAbsent(v.pricesFor(call.prefix().tokens().orElse(0)), CachePrices::of))
                .orElse(null);
    }
}
