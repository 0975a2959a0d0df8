package dev.bursar.budgets;

import java.math.BigDecimal;

/**
 * A budget value's settled spend reached {@code fraction} of its limit in a window (reported once: by the settle
 * that crossed it).
 */
public record Threshold(String budget, String scope, String value, String window, WindowInstance instance,
                        BigDecimal fraction, BigDecimal limitUsd, BigDecimal spentUsd, boolean hard) {
}
