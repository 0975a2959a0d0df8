package dev.bursar.alerts;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * One key sending near-identical requests (same fingerprint) more than {@code count} times in the last
 * {@code minutes}. Requests are counted, not attempts: retries of one request share its fingerprint and are a
 * failure-rate matter, not a loop.
 */
record RunawayLoopRule(String name, int count, int minutes) implements AlertRule {

    static final String NO_KEY = "(no key)";

    @Override
    public List<Finding> evaluate(RuleContext ctx) {
        long now = ctx.nowMicros();
        var dialect = ctx.db().dialect();
        return ctx.db().read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(key_id, ''), fingerprint,"
                    + " COUNT(DISTINCT request_id), SUM(cost) FROM usage_events"
                    + " WHERE ts_micros >= ? AND ts_micros < ? AND fingerprint IS NOT NULL"
                    + " GROUP BY COALESCE(key_id, ''), fingerprint HAVING COUNT(DISTINCT request_id) > ?"
                    + " ORDER BY 1, 2")) {
                ps.setLong(1, now - minutes * 60_000_000L);
                ps.setLong(2, now);
                ps.setLong(3, count);
                List<Finding> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String key = rs.getString(1).isEmpty() ? NO_KEY : rs.getString(1);
                        out.add(finding(key, rs.getString(2), rs.getLong(3), dialect.readMoney(rs, 4)));
                    }
                }
                return out;
            }
        });
    }

    private Finding finding(String key, String fingerprint, long requests, BigDecimal cost) {
        var numbers = new LinkedHashMap<String, BigDecimal>();
        numbers.put("requests", BigDecimal.valueOf(requests));
        numbers.put("threshold_count", BigDecimal.valueOf(count));
        numbers.put("spend_usd", cost);
        // The fingerprint is part of the scope value: one key looping on two prompts is two loops.
        return new Finding(name, "runaway-loop", Severity.CRITICAL, "key", key + " fingerprint " + fingerprint,
                "last " + minutes + "m", "Key " + key + " sent " + requests + " near-identical requests (fingerprint "
                + fingerprint + ") in the last " + minutes + " minutes, costing $" + Ratios.usd(cost),
                BigDecimal.valueOf(requests), numbers);
    }
}
