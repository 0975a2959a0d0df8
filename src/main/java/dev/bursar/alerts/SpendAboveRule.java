package dev.bursar.alerts;

import dev.bursar.ledger.Dimension;
import dev.bursar.ledger.ScopeSpend;
import dev.bursar.ledger.TimeRange;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spend of a scope value in the current UTC hour, day or month above an absolute amount. The ledger answers it from
 * its roll-ups, so it stays cheap on a large ledger. With match "*" every attributed value is checked on its own;
 * unattributed spend is not a value to alert on.
 */
record SpendAboveRule(String name, String scope, String match, String window, BigDecimal usd) implements AlertRule {

    /** The scopes a rule may name, as the ledger's dimensions. */
    static final Map<String, Dimension> SCOPES = Map.of("customer", Dimension.CUSTOMER, "feature", Dimension.FEATURE,
            "key", Dimension.KEY, "environment", Dimension.ENVIRONMENT, "model", Dimension.MODEL);

    @Override
    public List<Finding> evaluate(RuleContext ctx) {
        Windows.Instance w = Windows.calendar(window, ctx.now()).orElseThrow();
        Dimension dimension = SCOPES.get(scope);
        TimeRange range = new TimeRange(w.start(), w.end());
        List<ScopeSpend> over = match.equals("*") ? ctx.ledger().spendAbove(dimension, range, usd)
                : ctx.ledger().spendAbove(dimension, match, range, usd);
        return over.stream().map(s -> finding(w, s.value(), s.costUsd())).toList();
    }

    private Finding finding(Windows.Instance w, String value, BigDecimal spent) {
        var numbers = new LinkedHashMap<String, BigDecimal>();
        numbers.put("spend_usd", spent);
        numbers.put("threshold_usd", usd);
        return new Finding(name, "spend-above", Severity.WARNING, scope, value, w.key(),
                "Spend of " + scope + " '" + value + "' this " + window + " is $" + Ratios.usd(spent)
                        + ", above the $" + Ratios.usd(usd) + " threshold", spent, numbers);
    }
}
