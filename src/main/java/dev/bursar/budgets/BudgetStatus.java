package dev.bursar.budgets;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One budget value's standing in its current window, for the admin API and CLI.
 *
 * @param value     the scope value (a "*" budget has one row per value seen in the window)
 * @param resetsAt  null for lifetime budgets
 * @param fromConfig true for budgets of bursar.yaml (read-only at run time)
 */
public record BudgetStatus(String budget, String scope, String match, String value, String window, boolean hard,
                           boolean fromConfig, Instant windowStart, Instant resetsAt, BigDecimal limitUsd,
                           BigDecimal spentUsd, BigDecimal reservedUsd, BigDecimal remainingUsd) {
}
