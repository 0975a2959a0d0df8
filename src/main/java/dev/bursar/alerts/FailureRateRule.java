package dev.bursar.alerts;

import dev.bursar.ledger.AttemptTotals;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Failed upstream attempts as a share of all attempts in the last {@code minutes} (cache hits are not attempts).
 * The finding carries what the failures cost: failed attempts are billed too, and a retry storm burns money.
 */
record FailureRateRule(String name, BigDecimal percent, int minutes, int minRequests) implements AlertRule {

    @Override
    public List<Finding> evaluate(RuleContext ctx) {
        AttemptTotals sums = ctx.ledger().attempts(ctx.last(Duration.ofMinutes(minutes)));
        long attempts = sums.attempts();
        long failed = sums.failedAttempts();
        BigDecimal wasted = sums.failedCostUsd();
        if (attempts < minRequests || !Ratios.above(BigDecimal.valueOf(failed), BigDecimal.valueOf(attempts), percent)) {
            return List.of();
        }
        BigDecimal rate = Ratios.percentOf(BigDecimal.valueOf(failed), BigDecimal.valueOf(attempts));
        var numbers = new LinkedHashMap<String, BigDecimal>();
        numbers.put("failure_percent", rate);
        numbers.put("threshold_percent", percent);
        numbers.put("failed_attempts", BigDecimal.valueOf(failed));
        numbers.put("attempts", BigDecimal.valueOf(attempts));
        numbers.put("wasted_usd", wasted);
        return List.of(new Finding(name, "failure-rate", Severity.CRITICAL, "global", "all", "last " + minutes + "m",
                failed + " of " + attempts + " upstream attempts failed in the last " + minutes + " minutes (" + rate
                        + "%), wasting $" + Ratios.usd(wasted), rate, numbers));
    }
}
