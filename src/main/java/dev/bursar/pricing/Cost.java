package dev.bursar.pricing;

import java.math.BigDecimal;
import java.util.List;

/**
 * The exact cost of one call. {@code priced} is false when the catalog has no price for the model at that time;
 * the total is then zero and the ledger keeps the tokens so the call can be priced later.
 */
public record Cost(String model, String priceVersion, BigDecimal totalUsd, List<CostLine> lines, boolean priced) {

    public Cost {
        lines = List.copyOf(lines);
    }

    public static Cost unpriced(String model) {
        return new Cost(model, "", BigDecimal.ZERO, List.of(), false);
    }
}
