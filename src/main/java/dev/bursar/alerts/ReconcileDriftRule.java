package dev.bursar.alerts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A provider billed a pulled day differently from the ledger: the cost difference exceeds both {@code minUsd} and
 * {@code percent} of the provider's amount (calls that bypassed the gateway, a wrong price, lost rows). Looks at the
 * days pulled in the last {@code days} days; one alert per provider and day, open while the stored numbers differ.
 */
record ReconcileDriftRule(String name, BigDecimal percent, BigDecimal minUsd, int days, DriftSource drifts)
        implements AlertRule {

    @Override
    public List<Finding> evaluate(RuleContext ctx) {
        LocalDate today = ctx.now().atOffset(ZoneOffset.UTC).toLocalDate();
        var from = today.minusDays(days).atStartOfDay(ZoneOffset.UTC).toInstant();
        return drifts.days(from, ctx.now().plus(Duration.ofDays(1))).stream().filter(this::beyond).map(this::finding)
                .toList();
    }

    private boolean beyond(DriftSource.Day d) {
        BigDecimal diff = d.reportedUsd().subtract(d.ledgerUsd()).abs();
        return diff.compareTo(minUsd) > 0 && diff.compareTo(d.reportedUsd().abs().multiply(percent).movePointLeft(2)) > 0;
    }

    private Finding finding(DriftSource.Day d) {
        BigDecimal diff = d.reportedUsd().subtract(d.ledgerUsd());
        var numbers = new LinkedHashMap<String, BigDecimal>();
        numbers.put("reported_usd", d.reportedUsd());
        numbers.put("ledger_usd", d.ledgerUsd());
        numbers.put("difference_usd", diff);
        String pct = "";
        if (d.reportedUsd().signum() != 0) {
            BigDecimal p = diff.multiply(BigDecimal.valueOf(100)).divide(d.reportedUsd(), 2, RoundingMode.HALF_EVEN);
            numbers.put("difference_pct", p);
            pct = " (" + p.toPlainString() + "% of the provider's)";
        }
        numbers.put("threshold_pct", percent);
        numbers.put("min_usd", minUsd);
        String models = d.models().isEmpty() ? "" : "; models beyond tolerance: " + String.join(", ", d.models());
        String why = diff.signum() > 0 ? "the provider billed more than the gateway recorded: calls that bypassed"
                + " the gateway, or a price set too low" : "the gateway recorded more than the provider billed: another"
                + " account or key, a price set too high, or a late report";
        return new Finding(name, "reconcile-drift", Severity.WARNING, "provider", d.provider(), "day " + d.day(),
                "Reconciliation drift for " + d.provider() + " on " + d.day() + ": provider billed $"
                        + Ratios.usd(d.reportedUsd()) + ", the ledger has $" + Ratios.usd(d.ledgerUsd())
                        + ", a difference of $" + Ratios.usd(diff) + pct + "; " + why + models,
                diff, numbers);
    }
}
