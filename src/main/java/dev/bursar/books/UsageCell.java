package dev.bursar.books;

import dev.bursar.ledger.SpendRow;
import dev.bursar.pricing.Usage;
import java.math.BigDecimal;
import java.util.List;

/**
 * One month's (or period's) ledger sums for a customer, feature, environment and served model: the grain the books
 * read from the ledger's roll-ups (never raw rows for whole hours, days and months).
 *
 * @param costUsd       everything spent, failed attempts included
 * @param failedCostUsd the part of {@code costUsd} spent on attempts that failed: wasted spend
 */
public record UsageCell(String customer, String feature, String environment, String model, String provider, long requests,
                        long attempts, Usage tokens, BigDecimal costUsd, BigDecimal failedCostUsd, BigDecimal savedUsd) {

    /** A row grouped by {@link Books#GRAIN} (model and provider then read "") or {@link Books#MODEL_GRAIN}. */
    static UsageCell of(SpendRow r) {
        List<String> g = r.group();
        return new UsageCell(g.get(0), g.get(1), g.get(2), g.size() > 3 ? g.get(3) : "", g.size() > 4 ? g.get(4) : "", r.requests(),
                r.attempts(), r.tokens(), r.costUsd(), r.failedCostUsd(), r.savedUsd());
    }

    /** Spend on attempts that answered. */
    BigDecimal answeredCostUsd() {
        return costUsd.subtract(failedCostUsd);
    }

    UsageCell withCosts(BigDecimal cost, BigDecimal failed) {
        return new UsageCell(customer, feature, environment, model, provider, requests, attempts, tokens, cost, failed, savedUsd);
    }

    UsageCell withUsage(long req, long att, Usage t, BigDecimal cost, BigDecimal failed) {
        return new UsageCell(customer, feature, environment, model, provider, req, att, t, cost, failed, savedUsd);
    }
}
