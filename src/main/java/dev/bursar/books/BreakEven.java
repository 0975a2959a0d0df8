package dev.bursar.books;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The flat monthly price per customer at which a plan's customers together break even (and reach the target), all
 * else as it is: {@code monthly + (cost to serve - revenue) / customers}, and for a target of t%
 * {@code monthly + (cost / (1 - t/100) - revenue) / customers}; rounded up to the cent so the price covers it.
 */
public record BreakEven(String plan, long customers, BigDecimal monthlyUsd, BigDecimal breakEvenMonthlyUsd,
                 BigDecimal targetMonthlyUsd) {

    static List<BreakEven> of(MarginReport byPlan, BooksInput in) {
        List<BreakEven> out = new ArrayList<>();
        for (MarginRow row : byPlan.rows()) {
            Plan plan = in.plans().get(row.key());
            long n = in.customers().values().stream().filter(c -> c.plan().equals(row.key())).count();
            if (plan == null || n == 0) {
                continue;
            }
            BigDecimal customers = BigDecimal.valueOf(n);
            BigDecimal even = plan.monthlyUsd().add(row.costToServeUsd().subtract(row.revenueUsd()).divide(customers, 12, RoundingMode.HALF_EVEN));
            BigDecimal target = row.targetMarginPct() == null ? null : targetPrice(plan, row, customers);
            out.add(new BreakEven(plan.name(), n, plan.monthlyUsd(), cents(even), target == null ? null : cents(target)));
        }
        return out;
    }

    private static BigDecimal targetPrice(Plan plan, MarginRow row, BigDecimal customers) {
        BigDecimal keep = BigDecimal.ONE.subtract(row.targetMarginPct().movePointLeft(2));
        if (keep.signum() <= 0) {
            return null;
        }
        BigDecimal needed = row.costToServeUsd().divide(keep, 12, RoundingMode.HALF_EVEN);
        return plan.monthlyUsd().add(needed.subtract(row.revenueUsd()).divide(customers, 12, RoundingMode.HALF_EVEN));
    }

    private static BigDecimal cents(BigDecimal usd) {
        return usd.signum() < 0 ? BigDecimal.ZERO.setScale(2) : usd.setScale(2, RoundingMode.CEILING);
    }
}
