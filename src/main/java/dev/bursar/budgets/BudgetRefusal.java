package dev.bursar.budgets;

import java.math.BigDecimal;

/** The hard budget a reservation would have crossed, with the numbers at that moment. */
public record BudgetRefusal(BudgetKey key, WindowInstance window, BigDecimal spentUsd, BigDecimal reservedUsd,
                            BigDecimal amountUsd) {

    /** What was still free: limit - spent - reserved (may be negative after settles larger than reservations). */
    public BigDecimal availableUsd() {
        return key.limitUsd().subtract(spentUsd).subtract(reservedUsd);
    }
}
