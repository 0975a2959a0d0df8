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
    /** DuckDB sums integers into HUGEINT, which its driver will not read as a long. */
    private static final String DUCK_SUMS = java.util.Arrays.stream(SUMS.split(",\\s*"))
            .map(x -> x.contains("cost") || x.contains("saved") ? x : "CAST(" + x + " AS BIGINT)")
            .collect(java.util.stream.Collectors.joining(", "));

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
        List<ArchiveFile> archived = s.source() == Source.RAW
                ? ArchiveCatalog.overlapping(c, s.fromMicros(), s.toMicros(), db.dialect()) : List.of();
        // Rows of an archived range are in its file; the database keeps only rows booked into it afterwards, except
        // while a file's rows are being deleted, when the file alone answers for its range.
        List<ArchiveFile> fileOnly = archived.stream().filter(f -> !f.complete()).toList();
        String groupBy = groupBy(dims);
        StringBuilder where = new StringBuilder(" WHERE " + s.source().timeColumn + " >= ? AND "
                + s.source().timeColumn + " < ?");
        fileOnly.forEach(f -> where.append(" AND NOT (ts_micros >= ? AND ts_micros < ?)"));
        String sql = select(s.source(), dims, false) + " FROM " + s.source().table + where + groupBy;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setLong(i++, s.fromMicros());
            ps.setLong(i++, s.toMicros());
            for (ArchiveFile f : fileOnly) {
                ps.setLong(i++, f.fromMicros());
                ps.setLong(i++, f.toMicros());
            }
            try (ResultSet rs = ps.executeQuery()) {
                collect(rs, dims, acc, db.dialect());
            }
        }
        if (!archived.isEmpty()) {
            queryArchives(archived, s, dims, acc);
        }
    }

    /** The same sums over the Parquet archives (DuckDB; its money comes back as DECIMAL, like PostgreSQL's). */
    private static void queryArchives(List<ArchiveFile> files, Segment s, List<Dimension> dims, Map<List<String>, Acc> acc)
            throws SQLException {
        String sql = select(Source.RAW, dims, true) + " FROM " + Parquet.source(files.stream().map(ArchiveFile::path).toList())
                + " WHERE ts_micros >= ? AND ts_micros < ?" + groupBy(dims);
        try (Connection duck = Parquet.open(); PreparedStatement ps = duck.prepareStatement(sql)) {
            ps.setLong(1, s.fromMicros());
            ps.setLong(2, s.toMicros());
            try (ResultSet rs = ps.executeQuery()) {
                collect(rs, dims, acc, Dialect.POSTGRES);
            }
        }
    }

    private static String select(Source source, List<Dimension> dims, boolean duck) {
        StringBuilder select = new StringBuilder("SELECT ");
        for (Dimension d : dims) {
            select.append(expression(source, d, duck)).append(", ");
        }
        return select + (duck ? DUCK_SUMS : SUMS);
    }

    private static String groupBy(List<Dimension> dims) {
        StringBuilder groupBy = new StringBuilder();
        for (int i = 0; i < dims.size(); i++) {
            groupBy.append(i == 0 ? " GROUP BY " : ", ").append(i + 1);
        }
        return groupBy.toString();
    }

    private static void collect(ResultSet rs, List<Dimension> dims, Map<List<String>, Acc> acc, Dialect dialect)
            throws SQLException {
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

    /** @param duck DuckDB divides integers into a double with {@code /}; {@code //} keeps them integers */
    private static String expression(Source source, Dimension d, boolean duck) {
        String t = source.timeColumn;
        String div = duck ? " // " : " / ";
        return switch (d) {
            case DAY -> "(" + t + div + Rollups.DAY_MICROS + ") * " + Rollups.DAY_MICROS;
            case HOUR -> "(" + t + div + Rollups.HOUR_MICROS + ") * " + Rollups.HOUR_MICROS;
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
