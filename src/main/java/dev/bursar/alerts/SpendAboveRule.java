package dev.bursar.alerts;

import dev.bursar.storage.Dialect;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spend of a scope value in the current UTC hour, day or month above an absolute amount. Reads the hourly roll-up
 * (the daily one for months), so it stays cheap on a large ledger. With match "*" every attributed value is checked
 * on its own; unattributed spend ('' in the roll-ups) is not a value to alert on.
 */
record SpendAboveRule(String name, String scope, String match, String window, BigDecimal usd) implements AlertRule {

    static final Map<String, String> COLUMNS = Map.of("customer", "customer", "feature", "feature", "key", "key_id",
            "environment", "environment", "model", "model");

    @Override
    public List<Finding> evaluate(RuleContext ctx) {
        Windows.Instance w = Windows.calendar(window, ctx.now()).orElseThrow();
        String column = COLUMNS.get(scope);
        String table = window.equals("month") ? "spend_daily" : "spend_hourly";
        boolean each = match.equals("*");
        String sql = "SELECT " + column + ", SUM(cost) FROM " + table + " WHERE bucket_micros >= ? AND bucket_micros < ?"
                + (each ? " AND " + column + " <> ''" : " AND " + column + " = ?")
                + " GROUP BY " + column + " HAVING SUM(cost) > ? ORDER BY " + column;
        Dialect dialect = ctx.db().dialect();
        return ctx.db().read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setLong(i++, RuleContext.micros(w.start()));
                ps.setLong(i++, RuleContext.micros(w.end()));
                if (!each) {
                    ps.setString(i++, match);
                }
                dialect.bindMoney(ps, i, usd);
                List<Finding> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(finding(w, rs.getString(1), dialect.readMoney(rs, 2)));
                    }
                }
                return out;
            }
        });
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
