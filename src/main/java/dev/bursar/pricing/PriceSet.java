package dev.bursar.pricing;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The prices of one version (or one long-context tier of it), per million tokens.
 *
 * <p>Fallbacks are resolved here, once, so pricing a call is a plain array read. A class without its own price is
 * billed at: cached_input, cache_write_5m -> input; cache_write_1h -> cache_write_5m, else input;
 * batch_input -> input; batch_output -> output. Billing at the full input price is the conservative choice: a
 * provider that lists no discount for a class gives none.
 */
public final class PriceSet {

    private final Map<PriceClass, BigDecimal> declared;
    private final Rate[] rates;

    PriceSet(Map<PriceClass, BigDecimal> declared) {
        if (!declared.containsKey(PriceClass.INPUT) || !declared.containsKey(PriceClass.OUTPUT)) {
            throw new IllegalArgumentException("a price set needs at least 'input' and 'output'");
        }
        EnumMap<PriceClass, BigDecimal> copy = new EnumMap<>(PriceClass.class);
        copy.putAll(declared);
        this.declared = Collections.unmodifiableMap(copy);
        this.rates = new Rate[PriceClass.values().length];
        for (PriceClass cls : PriceClass.values()) {
            rates[cls.ordinal()] = resolve(cls);
        }
    }

    /** The price this set names for the class itself, without fallback. */
    public Optional<BigDecimal> declared(PriceClass cls) {
        return Optional.ofNullable(declared.get(cls));
    }

    /** Every price this set names, in class order. */
    public Map<PriceClass, BigDecimal> declaredPrices() {
        return declared;
    }

    /** The price a class is billed at, after fallback. */
    public BigDecimal usdPerMillion(PriceClass cls) {
        return rates[cls.ordinal()].usdPerMillion();
    }

    Rate rate(PriceClass cls) {
        return rates[cls.ordinal()];
    }

    private Rate resolve(PriceClass cls) {
        BigDecimal own = declared.get(cls);
        if (own != null) {
            return new Rate(own, "");
        }
        PriceClass stand = switch (cls) {
            case INPUT, OUTPUT -> cls;
            case CACHED_INPUT, CACHE_WRITE_5M, BATCH_INPUT -> PriceClass.INPUT;
            case CACHE_WRITE_1H -> declared.containsKey(PriceClass.CACHE_WRITE_5M) ? PriceClass.CACHE_WRITE_5M : PriceClass.INPUT;
            case BATCH_OUTPUT -> PriceClass.OUTPUT;
        };
        return new Rate(declared.get(stand), "no " + cls.key() + " price: billed at the " + stand.key() + " price");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PriceSet other && declared.equals(other.declared);
    }

    @Override
    public int hashCode() {
        return declared.hashCode();
    }

    @Override
    public String toString() {
        return declared.toString();
    }
}
