package dev.bursar.alerts;

import dev.bursar.ledger.TimeRange;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Total spend in the last 60 minutes against the average of the same 60 minutes of the day over the previous
 * {@code days} days (days with no spend count as zero). Fires when it is more than {@code percent} above that
 * average and above {@code minUsd}, so a quiet system's first dollar is not a "spike".
 */
record SpendSpikeRule(String name, BigDecimal percent, BigDecimal minUsd, int days) implements AlertRule {

    @Override
    public List<Finding> evaluate(RuleContext ctx) {
        List<TimeRange> hours = new ArrayList<>(days + 1);
        for (int d = 0; d <= days; d++) {
            var to = ctx.now().minus(Duration.ofDays(d));
            hours.add(new TimeRange(to.minus(Duration.ofHours(1)), to));
        }
        List<BigDecimal> spend = ctx.ledger().costs(hours);
        BigDecimal current = spend.getFirst();
        BigDecimal baselineTotal = BigDecimal.ZERO;
        for (int d = 1; d <= days; d++) {
            baselineTotal = baselineTotal.add(spend.get(d));
        }
        // current > avg * (1 + p/100)  <=>  current * days * 100 > total * (100 + p): exact, no division.
        boolean spiking = current.compareTo(minUsd) > 0 && current.multiply(BigDecimal.valueOf(days * 100L))
                .compareTo(baselineTotal.multiply(percent.add(BigDecimal.valueOf(100)))) > 0;
        if (!spiking) {
            return List.of();
        }
        BigDecimal average = baselineTotal.divide(BigDecimal.valueOf(days), 12, RoundingMode.HALF_EVEN);
        var numbers = new LinkedHashMap<String, BigDecimal>();
        numbers.put("spend_usd", current);
        numbers.put("baseline_usd", average);
        numbers.put("threshold_percent", percent);
        numbers.put("min_usd", minUsd);
        String over = average.signum() == 0 ? "no spend in the same hour on the previous " + days + " days"
                : Ratios.percentAbove(current, average).toPlainString() + "% above the " + days + "-day average of $"
                + Ratios.usd(average);
        return List.of(new Finding(name, "spend-spike", Severity.WARNING, "global", "all", "last 60m",
                "Spend in the last hour is $" + Ratios.usd(current) + ", " + over, current, numbers));
    }
}
