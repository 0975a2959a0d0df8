package dev.bursar.reconcile;

import dev.bursar.pricing.Money;
import dev.bursar.pricing.Usage;
import java.math.BigDecimal;

/** One side's numbers for a day and model: tokens by class and exact dollars. */
public record Side(Usage tokens, BigDecimal costUsd) {

    public static final Side ZERO = new Side(Usage.ZERO, Money.ZERO);

    public Side plus(Side o) {
        return new Side(tokens.plus(o.tokens), costUsd.add(o.costUsd));
    }
}
