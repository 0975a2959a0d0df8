package dev.bursar.promptcache;

import dev.bursar.ledger.PrefixCall;
import dev.bursar.pricing.Usage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * One group's calls, oldest first, folded into an {@link AdviceRow}. A call within the lifetime of the call before it
 * continues that call's cached span (a read); any other call starts a span (a write). Each call is priced at the
 * prices in force when it was made.
 */
final class PrefixTally {

    private final PrefixCall first;
    private final CacheLifetime lifetime;
    private int prefixTokens;
    private Instant last;
    private long calls;
    private long reuses;
    private long cachedTokens;
    private BigDecimal now = BigDecimal.ZERO;
    private BigDecimal full = BigDecimal.ZERO;
    private BigDecimal withCache = BigDecimal.ZERO;
    private CachePrices lastPrices;

    /** A tally for the group of {@code first}: its feature, prompt version, served model and prefix hash. */
    PrefixTally(PrefixCall first, CacheLifetime lifetime) {
        this.first = first;
        this.lifetime = lifetime;
    }

    /** Whether {@code call} belongs to this group. */
    boolean holds(PrefixCall call) {
        return first.feature().equals(call.feature()) && first.promptVersion().equals(call.promptVersion())
                && first.model().equals(call.model()) && first.prefix().hash().equals(call.prefix().hash());
    }

    String model() {
        return first.model();
    }

    /** Adds a call of this group, priced by {@code prices} (null when the model has no price then: counted, not priced). */
    void add(PrefixCall call, CachePrices prices) {
        boolean reuse = last != null && Duration.between(last, call.time()).compareTo(lifetime.duration()) <= 0;
        last = call.time();
        calls++;
        reuses += reuse ? 1 : 0;
        cachedTokens += call.usage().cachedInputTokens();
        // Equal prefixes have equal counts, unless a fallback served the call (then the first candidate's tokenizer
        // counted it): each call is priced at its own count, the row shows the largest.
        long p = call.prefix().tokens();
        prefixTokens = Math.max(prefixTokens, call.prefix().tokens());
        if (prices == null) {
            return;
        }
        lastPrices = prices;
        full = full.add(CachePrices.usd(p, prices.input()));
        now = now.add(billedNow(call.usage(), p, prices));
        if (!prices.readDiscount()) {
            withCache = withCache.add(billedNow(call.usage(), p, prices)); // nothing to turn on
        } else {
            withCache = withCache.add(CachePrices.usd(p, reuse ? prices.read() : prices.write(lifetime)));
        }
    }

    /**
     * The prefix as the call was billed: the ledger's cache reads and writes are taken to be the prefix's first tokens
     * (a provider caches from the start of the prompt), the rest at the input price.
     */
    private static BigDecimal billedNow(Usage u, long prefix, CachePrices prices) {
        long read = Math.min(u.cachedInputTokens(), prefix);
        long write5m = Math.min(u.cacheWrite5mTokens(), prefix - read);
        long write1h = Math.min(u.cacheWrite1hTokens(), prefix - read - write5m);
        long rest = prefix - read - write5m - write1h;
        return CachePrices.usd(read, prices.read()).add(CachePrices.usd(write5m, prices.write5m()))
                .add(CachePrices.usd(write1h, prices.write1h())).add(CachePrices.usd(rest, prices.input()));
    }

    boolean repeated() {
        return reuses > 0;
    }

    /** The row; {@code providerCaching} says how the model's provider caches. */
    AdviceRow row(String providerCaching) {
        var costs = new AdviceRow.Costs(now, withCache, now.subtract(withCache), full.subtract(now));
        var group = new AdviceRow.Group(first.feature(), first.promptVersion(), first.model(), first.prefix().hash(),
                prefixTokens);
        return new AdviceRow(group, providerCaching, calls, reuses, cachedTokens, costs,
                lastPrices == null ? java.util.OptionalInt.empty() : lastPrices.breakEven(lifetime));
    }

    CachePrices lastPrices() {
        return lastPrices;
    }
}
