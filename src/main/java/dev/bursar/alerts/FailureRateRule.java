package dev.bursar.alerts;

import dev.bursar.storage.Dialect;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Failed upstream attempts as a share of all attempts in the last {@code minutes} (cache hits are not attempts).
 * The finding carries what the failures cost: failed attempts are billed too, and a retry storm burns money.
 */
record FailureRateRule(String name, BigDecimal percent, int minutes, int minRequests) implements AlertRule {

    private record Sums(long attempts, long failed, BigDecimal wasted) {
    }

    @Override
    public List<Finding> evaluate(RuleContext ctx) {
        long now = ctx.nowMicros();
        Dialect dialect = ctx.db().dialect();
        Sums sums = ctx.db().read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT SUM(attempts), SUM(failed_attempts), SUM(failed_cost)"
                    + " FROM usage_events WHERE ts_micros >= ? AND ts_micros < ?")) {
                ps.setLong(1, now - minutes * 60_000_000L);
                ps.setLong(2, now);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Sums(rs.getLong(1), rs.getLong(2), dialect.readMoney(rs, 3));
                }
            }
        });
        long attempts = sums.attempts();
        long failed = sums.failed();
        BigDecimal wasted = sums.wasted();
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
