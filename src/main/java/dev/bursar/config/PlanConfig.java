package dev.bursar.config;

import java.math.BigDecimal;

/**
 * A price plan (issue 11, part 2), as written under {@code plans:}. A customer's revenue for a month is
 * {@code monthly-usd + per-seat-usd × seats + overage-usd × max(0, requests − included-requests)}.
 *
 * @param name             unique among plans
 * @param monthlyUsd       flat price per customer per month (default 0)
 * @param perSeatUsd       price per seat per month (default 0)
 * @param includedRequests requests included before overage applies (default: unlimited, no overage)
 * @param overageUsd       price per request beyond {@code includedRequests}
 * @param freeTier         a free plan: its customers are shown with their full cost and negative margin
 * @param targetMarginPct  the gross margin this plan should make; customers below it are listed first
 */
public record PlanConfig(String name, BigDecimal monthlyUsd, BigDecimal perSeatUsd, Long includedRequests,
                         BigDecimal overageUsd, Boolean freeTier, BigDecimal targetMarginPct) {

    public PlanConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
        monthlyUsd = monthlyUsd == null ? BigDecimal.ZERO : monthlyUsd;
        perSeatUsd = perSeatUsd == null ? BigDecimal.ZERO : perSeatUsd;
        overageUsd = overageUsd == null ? BigDecimal.ZERO : overageUsd;
        freeTier = freeTier != null && freeTier;
        if (monthlyUsd.signum() < 0 || perSeatUsd.signum() < 0 || overageUsd.signum() < 0) {
            throw new IllegalArgumentException("plan '" + name + "': prices cannot be negative");
        }
        if (includedRequests != null && includedRequests < 0) {
            throw new IllegalArgumentException("plan '" + name + "': included-requests cannot be negative");
        }
    }
}
