package dev.bursar.alerts;

import dev.bursar.storage.Dialect;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Total spend in the last 60 minutes against the average of the same 60 minutes of the day over the previous
 * {@code days} days (days with no spend count as zero). Fires when it is more than {@code percent} above that
 * average and above {@code minUsd}, so a quiet system's first dollar is not a "spike".
 */
record SpendSpikeRule(String name, BigDecimal percent, BigDecimal minUsd, int days) implements AlertRule {

    static final long HOUR_MICROS = 3_600_000_000L;
    static final long DAY_MICROS = 24 * HOUR_MICROS;

    @Override
    public List<Finding> evaluate(RuleContext ctx) {
        long now = ctx.nowMicros();
        Dialect dialect = ctx.db().dialect();
        BigDecimal[] spend = ctx.db().read(c -> {
            BigDecimal[] out = new BigDecimal[days + 1];
            for (int d = 0; d <= days; d++) {
                long to = now - d * DAY_MICROS;
                out[d] = sum(c, dialect, to - HOUR_MICROS, to);
            }
            return out;
        });
        BigDecimal current = spend[0];
        BigDecimal baselineTotal = BigDecimal.ZERO;
        for (int d = 1; d <= days; d++) {
            baselineTotal = baselineTotal.add(spend[d]);
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

    private static BigDecimal sum(Connection c, Dialect dialect, long from, long to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT SUM(cost) FROM usage_events WHERE ts_micros >= ? AND ts_micros < ?")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return dialect.readMoney(rs, 1);
            }
        }
    }
}
