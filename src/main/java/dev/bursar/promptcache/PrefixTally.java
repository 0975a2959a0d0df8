package dev.bursar.promptcache;

import dev.bursar.ledger.PrefixCall;
import dev.bursar.pricing.Usage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * One group's calls, oldest first, folded into an {@link AdviceRow}. A call within the lifetime of the call before it
 * continues that call's cached span (a read); any other call starts a span (a write). Each call is priced at the
 * prices in force when it was made, for its own prefix count; a call whose prefix was not counted (the first time a
 * gateway saw it) is priced at the group's count once that is known.
 */
final class PrefixTally {

    private final PrefixCall first;
    private final CacheLifetime lifetime;
    private final List<Uncounted> uncounted = new ArrayList<>(1);
    private int prefixTokens = -1;
    private Instant last;
    private long calls;
    private long reuses;
    private long cachedTokens;
    /** Tokens by price class, per price regime (usually one): summed per call, priced once at the end. */
    private final Map<CachePrices, Sums> sums = new IdentityHashMap<>(2);
    private CachePrices lastPrices;
    private CachePrices lastRegime;
    private Sums lastSums;

    /** A group's prefix tokens under one regime of prices, by how they are (or would be) billed. */
    private static final class Sums {
        long full;
        long read;
        long write5m;
        long write1h;
        long rest;
        long cacheWrites;
        long cacheReads;
    }

    /** A call to price when the group's prefix count is known. */
    private record Uncounted(Usage usage, CachePrices prices, boolean reuse) {
    }

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
        if (prices != null) {
            lastPrices = prices;
        }
        OptionalInt tokens = call.prefix().tokens();
        if (tokens.isEmpty()) {
            uncounted.add(new Uncounted(call.usage(), prices, reuse));
            return;
        }
        // Equal prefixes have equal counts, unless a fallback served the call (then the first candidate's tokenizer
        // counted it): each call is priced at its own count, the row shows the largest.
        prefixTokens = Math.max(prefixTokens, tokens.getAsInt());
        price(call.usage(), tokens.getAsInt(), prices, reuse);
    }

    /**
     * Adds a call's prefix of {@code p} tokens. Now: the ledger's cache reads and writes are taken to be the prefix's
     * first tokens (a provider caches from the start of the prompt), the rest is billed at the input price. With
     * caching: the whole prefix as a write or a read.
     */
    private void price(Usage u, long p, CachePrices prices, boolean reuse) {
        if (prices == null) {
            return;
        }
        if (prices != lastRegime) {
            lastSums = sums.computeIfAbsent(prices, k -> new Sums());
            lastRegime = prices;
        }
        Sums s = lastSums;
        long read = Math.min(u.cachedInputTokens(), p);
        long write5m = Math.min(u.cacheWrite5mTokens(), p - read);
        long write1h = Math.min(u.cacheWrite1hTokens(), p - read - write5m);
        s.full += p;
        s.read += read;
        s.write5m += write5m;
        s.write1h += write1h;
        s.rest += p - read - write5m - write1h;
        if (reuse) {
            s.cacheReads += p;
        } else {
            s.cacheWrites += p;
        }
    }

    /** Whether the prefix came again within the lifetime and was counted (a prefix seen once never is). */
    boolean repeated() {
        return reuses > 0 && prefixTokens >= 0;
    }

    /** The row; {@code providerCaching} says how the model's provider caches. Call once, after the last {@link #add}. */
    AdviceRow row(String providerCaching) {
        for (Uncounted u : uncounted) {
            price(u.usage(), prefixTokens, u.prices(), u.reuse());
        }
        uncounted.clear();
        BigDecimal now = BigDecimal.ZERO;
        BigDecimal full = BigDecimal.ZERO;
        BigDecimal withCache = BigDecimal.ZERO;
        for (Map.Entry<CachePrices, Sums> e : sums.entrySet()) {
            CachePrices p = e.getKey();
            Sums s = e.getValue();
            BigDecimal billed = CachePrices.usd(s.read, p.read()).add(CachePrices.usd(s.write5m, p.write5m()))
                    .add(CachePrices.usd(s.write1h, p.write1h())).add(CachePrices.usd(s.rest, p.input()));
            now = now.add(billed);
            full = full.add(CachePrices.usd(s.full, p.input()));
            // A model without a cached-input price has nothing to turn on: with caching it costs what it costs now.
            withCache = withCache.add(!p.readDiscount() ? billed
                    : CachePrices.usd(s.cacheWrites, p.write(lifetime)).add(CachePrices.usd(s.cacheReads, p.read())));
        }
        var costs = new AdviceRow.Costs(now, withCache, now.subtract(withCache), full.subtract(now));
        var group = new AdviceRow.Group(first.feature(), first.promptVersion(), first.model(), first.prefix().hash(),
                prefixTokens);
        return new AdviceRow(group, providerCaching, calls, reuses, cachedTokens, costs,
                lastPrices == null ? OptionalInt.empty() : lastPrices.breakEven(lifetime));
    }

    CachePrices lastPrices() {
        return lastPrices;
    }
}
