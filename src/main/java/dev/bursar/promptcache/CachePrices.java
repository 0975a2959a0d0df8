package dev.bursar.promptcache;

import dev.bursar.pricing.ModelInfo;
import dev.bursar.pricing.PriceClass;
import dev.bursar.pricing.PriceSet;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.OptionalInt;

/**
 * A model's prices for a prefix, per million tokens, as provider prompt caching bills them: every call at
 * {@code input} today; with caching, the first call of a cached span at the write price and the others at
 * {@code cached_input}. A price the catalog does not list falls back as {@link PriceSet} says (a write without its
 * own price costs the input price: OpenAI's automatic caching has no write premium).
 */
record CachePrices(BigDecimal input, BigDecimal read, BigDecimal write5m, BigDecimal write1h, boolean readDiscount) {

    static CachePrices of(PriceSet prices) {
        return new CachePrices(prices.usdPerMillion(PriceClass.INPUT), prices.usdPerMillion(PriceClass.CACHED_INPUT),
                prices.usdPerMillion(PriceClass.CACHE_WRITE_5M), prices.usdPerMillion(PriceClass.CACHE_WRITE_1H),
                prices.declared(PriceClass.CACHED_INPUT).isPresent());
    }

    BigDecimal write(CacheLifetime lifetime) {
        return lifetime == CacheLifetime.ONE_HOUR ? write1h : write5m;
    }

    /**
     * The smallest number of calls n sharing one cache write for which caching is cheaper:
     * write + (n - 1) × read &lt; n × input, i.e. n &gt; (write - read) / (input - read). Empty (never) when the model
     * lists no cached-input price or reading costs as much as sending.
     */
    OptionalInt breakEven(CacheLifetime lifetime) {
        BigDecimal gain = input.subtract(read);
        if (!readDiscount || gain.signum() <= 0) {
            return OptionalInt.empty();
        }
        BigDecimal ratio = write(lifetime).subtract(read).divide(gain, 0, RoundingMode.FLOOR);
        if (ratio.compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
            return OptionalInt.empty(); // a discount too small to ever pay for the write
        }
        return OptionalInt.of(Math.max(1, ratio.intValueExact() + 1));
    }

    /** How the model's provider caches: Anthropic only where the request asks; others on their own. */
    static String caching(ModelInfo model, boolean readDiscount) {
        if (!readDiscount) {
            return "none";
        }
        return "anthropic".equals(model.provider()) ? "explicit (cache_control)" : "automatic";
    }

    static BigDecimal usd(long tokens, BigDecimal perMillion) {
        return BigDecimal.valueOf(tokens).multiply(perMillion).movePointLeft(6);
    }
}
