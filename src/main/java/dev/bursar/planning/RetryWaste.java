package dev.bursar.planning;

import java.math.BigDecimal;
import java.util.List;

/**
 * What failed requests and their retries add to the API bill: each failed request is paid again on every retry, so
 * the waste is the failure rate × the average number of retries × the monthly spend. Measured, not assumed, in the
 * ledger ({@code bursar report}'s {@code failed_usd}); this is for planning before there is one.
 */
public final class RetryWaste {

    /**
     * @param monthlyUsd  the month's API spend on the work
     * @param failureRate share of requests that fail (0-1)
     * @param retries     average retries of a failed request
     */
    public record Inputs(BigDecimal monthlyUsd, BigDecimal failureRate, BigDecimal retries) {
    }

    private RetryWaste() {
    }

    public static Calculation calculate(Inputs in) {
        Decimals.requireNonNegative(in.monthlyUsd(), "--monthly-usd");
        Decimals.requireFraction(in.failureRate(), "--failure-rate");
        Decimals.requireNonNegative(in.retries(), "--retries");
        BigDecimal share = Decimals.strip(in.failureRate().multiply(in.retries()));
        BigDecimal waste = Decimals.strip(in.monthlyUsd().multiply(share));
        return new Calculation("retries",
                List.of("wasted_share = failure_rate * retries", "wasted_monthly_usd = monthly_usd * wasted_share"),
                List.of(new Term("monthly_usd", in.monthlyUsd(), "the month's API spend"),
                        new Term("failure_rate", in.failureRate(), "share of requests that fail"),
                        new Term("retries", in.retries(), "average retries of a failed request")),
                List.of(new Term("wasted_share", share, "extra spend as a share of monthly_usd"),
                        new Term("wasted_monthly_usd", waste, "what the retries cost a month"),
                        new Term("wasted_yearly_usd", Decimals.strip(waste.multiply(BigDecimal.valueOf(12))), "the same over a year")),
                List.of("each retry is taken to cost what the request costs; the ledger books the real failed spend"));
    }
}
