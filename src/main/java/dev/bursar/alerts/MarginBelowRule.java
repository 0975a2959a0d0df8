package dev.bursar.alerts;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/**
 * A customer's or plan's gross margin this UTC month (revenue of the month, cost to serve so far: API, wasted and
 * allocated costs) below {@code percent}. Without revenue, any cost is below every target. With match "*" every
 * customer (or plan) is checked on its own.
 */
record MarginBelowRule(String name, String scope, String match, BigDecimal percent, MarginSource books) implements AlertRule {

    static final Set<String> SCOPES = Set.of("customer", "plan");

    @Override
    public List<Finding> evaluate(RuleContext ctx) {
        Windows.Instance w = Windows.calendar("month", ctx.now()).orElseThrow();
        return books.margins(scope, w.start(), w.end()).stream()
                .filter(m -> match.equals("*") || match.equals(m.value()))
                .filter(m -> m.marginPct().map(p -> p.compareTo(percent) < 0).orElse(m.costToServeUsd().signum() > 0))
                .map(m -> finding(w, m)).toList();
    }

    private Finding finding(Windows.Instance w, MarginSource.Margin m) {
        var numbers = new LinkedHashMap<String, BigDecimal>();
        m.marginPct().ifPresent(p -> numbers.put("margin_pct", p));
        numbers.put("threshold_pct", percent);
        numbers.put("revenue_usd", m.revenueUsd());
        numbers.put("cost_to_serve_usd", m.costToServeUsd());
        String margin = m.marginPct().map(p -> p.setScale(2, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "%").orElse("without revenue");
        return new Finding(name, "margin-below", Severity.WARNING, scope, m.value(), w.key(),
                "Gross margin of " + scope + " '" + m.value() + "' this month is " + margin + ", below the "
                        + percent.toPlainString() + "% target (revenue $" + Ratios.usd(m.revenueUsd())
                        + ", cost to serve $" + Ratios.usd(m.costToServeUsd()) + ")",
                m.marginPct().orElse(m.costToServeUsd().negate()), numbers);
    }
}
