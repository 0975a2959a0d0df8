package dev.bursar.books;

import dev.bursar.pricing.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * One row of the margin report (a customer, plan or feature), or its totals. Cost to serve is API spend (what
 * answered) + wasted spend (failed attempts) + allocated costs (+ the unallocated rest, in the totals only).
 *
 * @param key                 the customer id, plan name or feature; "TOTAL" for the totals
 * @param plan                the customer's plan ("(none)" when it has none); for plan rows the plan; else null
 * @param customers           customers in the row (those with usage, a plan or revenue)
 * @param activeCustomers     customers with any call in the period
 * @param targetMarginPct     the margin the row should make (--target, else its plan's target-margin-pct), or null
 */
public record MarginRow(String key, String plan, boolean freeTier, long customers, long activeCustomers, long requests,
                        BigDecimal revenueUsd, BigDecimal apiCostUsd, BigDecimal failedUsd,
                        SequencedMap<String, BigDecimal> allocatedByCategory, BigDecimal unallocatedUsd,
                        BigDecimal targetMarginPct) {

    public MarginRow {
        allocatedByCategory = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(allocatedByCategory));
    }

    public BigDecimal allocatedUsd() {
        return allocatedByCategory.values().stream().reduce(Money.ZERO, BigDecimal::add);
    }

    public BigDecimal costToServeUsd() {
        return apiCostUsd.add(failedUsd).add(allocatedUsd()).add(unallocatedUsd);
    }

    public BigDecimal marginUsd() {
        return revenueUsd.subtract(costToServeUsd());
    }

    /** Margin as a percent of revenue, to 12 decimals; empty without revenue. */
    public Optional<BigDecimal> marginPctExact() {
        if (revenueUsd.signum() == 0) {
            return Optional.empty();
        }
        return Optional.of(marginUsd().multiply(BigDecimal.valueOf(100)).divide(revenueUsd, 12, RoundingMode.HALF_EVEN));
    }

    /** As people read it: two decimals at most (94.5, 36, -12.34). */
    public Optional<BigDecimal> marginPct() {
        return marginPctExact().map(p -> {
            BigDecimal shown = p.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
            return shown.scale() < 0 ? shown.setScale(0) : shown;
        });
    }

    /** Cost to serve per active customer, to the picodollar; empty without active customers. */
    public Optional<BigDecimal> costPerActiveCustomerUsd() {
        if (activeCustomers == 0) {
            return Optional.empty();
        }
        return Optional.of(costToServeUsd().divide(BigDecimal.valueOf(activeCustomers), Money.SCALE, RoundingMode.HALF_EVEN));
    }

    /** "negative", "below-target" or "ok": the order of the report. */
    public String status() {
        if (marginUsd().signum() < 0) {
            return "negative";
        }
        if (targetMarginPct != null && marginPctExact().map(p -> p.compareTo(targetMarginPct) < 0).orElse(costToServeUsd().signum() > 0)) {
            return "below-target";
        }
        return "ok";
    }

    int statusRank() {
        return switch (status()) {
            case "negative" -> 0;
            case "below-target" -> 1;
            default -> 2;
        };
    }
}
