package dev.bursar.pricing;

import java.time.Instant;

/** PLACEHOLDER: the pricing helper replaces this file. Public API below is the contract. */
public final class CostCalculator {

    public CostCalculator(PriceCatalog catalog) {
    }

    /** Exact cost of a call to {@code model} (name or alias) with this usage, by the price in force at {@code at}. */
    public Cost cost(String model, Usage usage, Instant at, boolean batch) {
        throw new UnsupportedOperationException();
    }
}
