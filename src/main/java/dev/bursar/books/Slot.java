package dev.bursar.books;

import dev.bursar.pricing.Money;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** The books of one customer's use of one feature: the finest grain costs and revenue are spread to. */
final class Slot {

    /** The feature of a customer's slot when it made no call: revenue and fixed shares still land somewhere. */
    static final String NO_FEATURE = "(none)";

    final String customer;
    final String feature;
    long requests;
    long tokens;
    BigDecimal apiUsd = Money.ZERO;
    BigDecimal failedUsd = Money.ZERO;
    BigDecimal revenueUsd = Money.ZERO;
    final Map<String, BigDecimal> allocated = new LinkedHashMap<>();

    Slot(String customer, String feature) {
        this.customer = customer;
        this.feature = feature;
    }

    void add(UsageCell c) {
        requests += c.requests();
        tokens += c.tokens().inputTokens() + c.tokens().outputTokens();
        apiUsd = apiUsd.add(c.answeredCostUsd());
        failedUsd = failedUsd.add(c.failedCostUsd());
    }

    void allocate(String category, BigDecimal usd) {
        allocated.merge(category, usd, BigDecimal::add);
    }

    BigDecimal spendUsd() {
        return apiUsd.add(failedUsd);
    }

    boolean active() {
        return requests > 0 || spendUsd().signum() > 0;
    }
}
