package dev.bursar.promptcache;

import java.math.BigDecimal;
import java.util.OptionalInt;

/**
 * What provider prompt caching would change for one repeated prefix: a feature's prompt version on one served model.
 *
 * @param group           whose prefix it is
 * @param providerCaching how the provider caches: {@code explicit (cache_control)} (Anthropic: only where the request
 *                        puts a breakpoint), {@code automatic} (OpenAI and others, no write premium) or {@code none}
 * @param calls           answered upstream calls that sent the prefix
 * @param reuses          calls within the lifetime of the call before them: reads, were the prefix cached
 * @param cachedTokens    input tokens the provider already served from its cache (the ledger's cache reads)
 * @param costs           the prefix's cost now, with caching, and the difference
 * @param breakEven       the fewest calls sharing one cache write for which caching is cheaper; empty: never
 */
public record AdviceRow(Group group, String providerCaching, long calls, long reuses, long cachedTokens, Costs costs,
                        OptionalInt breakEven) {

    /**
     * @param feature       the feature tag, "" when none
     * @param promptVersion the prompt version tag, "" when none
     * @param model         the served model
     * @param prefixHash    the prefix's hash, as the ledger's {@code prefix_hash}
     * @param prefixTokens  the prefix's tokens
     */
    public record Group(String feature, String promptVersion, String model, String prefixHash, int prefixTokens) {
    }

    /**
     * Exact USD, for the prefix tokens only (the rest of each prompt and the output do not change).
     *
     * @param now          as billed: cache reads and writes the ledger shows at their prices, the rest at input
     * @param withCache    every cached span's first call at the write price, the others at the cached-input price
     * @param saving       {@code now - withCache}; negative when the writes cost more than the reads save
     * @param savedAlready what caching that already happened took off: the prefix at full input price, minus {@code now}
     */
    public record Costs(BigDecimal now, BigDecimal withCache, BigDecimal saving, BigDecimal savedAlready) {

        static final Costs ZERO = new Costs(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

        Costs plus(Costs o) {
            return new Costs(now.add(o.now), withCache.add(o.withCache), saving.add(o.saving), savedAlready.add(o.savedAlready));
        }
    }
}
