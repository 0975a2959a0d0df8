package dev.bursar.budgets;

import java.math.BigDecimal;

/** A budget value's counters in one window instance. */
public record WindowTotals(BudgetKey key, WindowInstance window, BigDecimal spentUsd, BigDecimal reservedUsd) {

    /** limit - spent - reserved, never below zero. */
    public BigDecimal remainingUsd() {
        return key.limitUsd().subtract(spentUsd).subtract(reservedUsd).max(BigDecimal.ZERO);
    }
}
