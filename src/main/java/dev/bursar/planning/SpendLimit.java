package dev.bursar.planning;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;

/**
 * The tail of a month's spend and the limits to set from it. A suggested hard limit is the p95 plus headroom,
 * rounded up to whole dollars; the article's rule of thumb (an alert at 3× the expected month, a hard limit at 5×,
 * for teams that have no distribution yet) is printed beside it.
 */
final class SpendLimit {

    static final BigDecimal ALERT_MULTIPLIER = BigDecimal.valueOf(3);
    static final BigDecimal HARD_LIMIT_MULTIPLIER = BigDecimal.valueOf(5);

    private SpendLimit() {
    }

    /** Nearest-rank percentile of simulated months, in cents. */
    static BigDecimal percentile(double[] sortedMonths, double p) {
        int rank = (int) Math.ceil(p * sortedMonths.length);
        return BigDecimal.valueOf(sortedMonths[Math.max(0, rank - 1)]).setScale(2, RoundingMode.HALF_UP);
    }

    static List<Term> terms(BigDecimal expected, double[] months, BigDecimal headroom) {
        double[] sorted = months.clone();
        Arrays.sort(sorted);
        BigDecimal p50 = percentile(sorted, 0.50);
        BigDecimal p95 = percentile(sorted, 0.95);
        BigDecimal limit = p95.multiply(BigDecimal.ONE.add(headroom)).setScale(0, RoundingMode.CEILING);
        return List.of(
                new Term("p50_monthly_usd", p50, "median of the simulated months (cents)"),
                new Term("p95_monthly_usd", p95, "95th percentile of the simulated months (cents)"),
                new Term("suggested_limit_usd", limit, "p95_monthly_usd * (1 + headroom), rounded up to a dollar"),
                new Term("rule_of_thumb_alert_usd", Decimals.strip(expected.multiply(ALERT_MULTIPLIER)),
                        "3 * expected_monthly_usd: alert here while usage is still unknown"),
                new Term("rule_of_thumb_hard_limit_usd", Decimals.strip(expected.multiply(HARD_LIMIT_MULTIPLIER)),
                        "5 * expected_monthly_usd: hard limit while usage is still unknown"));
    }
}
