package dev.bursar.ledger;

import dev.bursar.ledger.SpendPlan.Segment;
import dev.bursar.ledger.SpendPlan.Source;
import dev.bursar.pricing.Usage;
import dev.bursar.storage.Database;
import dev.bursar.storage.Dialect;
import dev.bursar.pricing.Money;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Answers {@link SpendQuery}: one SQL query per plan segment, merged by group in memory. DAY and HOUR are UTC. */
final class SpendReader {

    private static final String SUMS = "SUM(requests), SUM(attempts), SUM(failed_attempts), SUM(input_tokens),"
            + " SUM(cached_input_tokens), SUM(cache_write_5m_tokens), SUM(cache_write_1h_tokens), SUM(output_tokens),"
            + " SUM(reasoning_tokens), SUM(cost), SUM(failed_cost), SUM(saved)";

    private final Database db;

    SpendReader(Database db) {
        this.db = db;
    }

    List<SpendRow> spend(SpendQuery q) {
        List<Dimension> dims = q.groupBy();
        List<Segment> plan = planOf(q);
        Map<List<String>, Acc> groups = db.read(c -> {
            Map<List<String>, Acc> acc = new HashMap<>();
            for (Segment s : plan) {
                query(c, s, dims, acc);
            }
            return acc;
        });
        if (dims.isEmpty() && groups.isEmpty()) {
            groups.put(List.of(), new Acc());
        }
        List<SpendRow> rows = new ArrayList<>();
        groups.forEach((group, a) -> rows.add(a.toRow(group)));
        rows.sort(Comparator.comparing(SpendRow::costUsd).reversed()
                .thenComparing(r -> String.join("\u0000", r.group())));
        return rows;
    }

    /** Plan of a query, for tests that check which source answers which piece. */
    static List<Segment> planOf(SpendQuery q) {
        return SpendPlan.plan(micros(q.from()), micros(q.to()), SpendPlan.coarsest(q.groupBy()));
    }

    private void query(Connection c, Segment s, List<Dimension> dims, Map<List<String>, Acc> acc) throws SQLException {
        StringBuilder select = new StringBuilder("SELECT ");
        StringBuilder groupBy = new StringBuilder();
        for (int i = 0; i < dims.size(); i++) {
            select.append(expression(s.source(), dims.get(i))).append(", ");
            groupBy.append(i == 0 ? " GROUP BY " : ", ").append(i + 1);
        }
        String sql = select + SUMS + " FROM " + s.source().table + " WHERE " + s.source().timeColumn + " >= ? AND "
                + s.source().timeColumn + " < ?" + groupBy;
        Dialect dialect = db.dialect();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, s.fromMicros());
            ps.setLong(2, s.toMicros());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int n = dims.size();
                    if (rs.getObject(n + 1) == null) {
                        continue; // no GROUP BY and no rows: SQL still returns one row of NULL sums
                    }
                    List<String> group = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        group.add(label(dims.get(i), rs, i + 1));
                    }
                    acc.computeIfAbsent(group, g -> new Acc()).add(rs, n + 1, dialect);
                }
            }
        }
    }

    private static String expression(Source source, Dimension d) {
        String t = source.timeColumn;
        return switch (d) {
            case DAY -> "(" + t + " / " + Rollups.DAY_MICROS + ") * " + Rollups.DAY_MICROS;
            case HOUR -> "(" + t + " / " + Rollups.HOUR_MICROS + ") * " + Rollups.HOUR_MICROS;
            case KEY -> tag(source, "key_id");
            case CUSTOMER -> tag(source, "customer");
            case USER -> tag(source, "user_id");
            case TEAM -> tag(source, "team");
            case FEATURE -> tag(source, "feature");
            case ENVIRONMENT -> tag(source, "environment");
            case PROMPT_VERSION -> tag(source, "prompt_version");
            case MODEL -> source == Source.RAW ? "COALESCE(served_model, '')" : "model";
            case PROVIDER -> tag(source, "provider");
            case STATUS -> "status";
            // Rows written before the cache existed say "none"; early test rows "hit_exact".
            case CACHE -> "(CASE WHEN cache_outcome IS NULL OR cache_outcome IN ('none', '') THEN 'off'"
                    + " ELSE REPLACE(cache_outcome, '_', '-') END)";
        };
    }

    /** Raw rows keep NULL for a missing tag; roll-ups store ''. Both read as ''. */
    private static String tag(Source source, String column) {
        return source == Source.RAW ? "COALESCE(" + column + ", '')" : column;
    }

    private static String label(Dimension d, ResultSet rs, int col) throws SQLException {
        return switch (d) {
            case DAY -> Instant.ofEpochSecond(rs.getLong(col) / 1_000_000L).atOffset(ZoneOffset.UTC).toLocalDate().toString();
            case HOUR -> Instant.ofEpochSecond(rs.getLong(col) / 1_000_000L).toString();
            default -> {
                String v = rs.getString(col);
                yield v == null || v.isEmpty() ? SpendRow.UNATTRIBUTED : v;
            }
        };
    }

    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    /** Sums of one group across segments. */
    private static final class Acc {
        private final long[] counts = new long[9];
        private BigDecimal cost = Money.ZERO;
        private BigDecimal failedCost = Money.ZERO;
        private BigDecimal saved = Money.ZERO;

        void add(ResultSet rs, int first, Dialect dialect) throws SQLException {
            for (int i = 0; i < counts.length; i++) {
                counts[i] += rs.getLong(first + i);
            }
            cost = cost.add(dialect.readMoney(rs, first + 9));
            failedCost = failedCost.add(dialect.readMoney(rs, first + 10));
            saved = saved.add(dialect.readMoney(rs, first + 11));
        }

        SpendRow toRow(List<String> group) {
            Usage tokens = new Usage(counts[3], counts[4], counts[5], counts[6], counts[7], counts[8]);
            return new SpendRow(group, counts[0], counts[1], counts[2], tokens, cost, failedCost, saved);
        }
    }
}
