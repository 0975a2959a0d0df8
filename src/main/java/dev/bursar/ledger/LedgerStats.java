package dev.bursar.ledger;

import dev.bursar.storage.Database;
import dev.bursar.storage.Dialect;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed questions over windows of the ledger, for features that watch spend (the alert rules): the SQL over the
 * ledger's tables stays in this package. Windows are [from, to). Queries over the roll-ups fold committed rows into
 * them first (see {@link RollupFolder}), so every answer includes every committed row.
 */
public final class LedgerStats {

    private final Database db;
    private final SpendReader spend;

    /** {@code db} must already be migrated; reads use its pooled connections. */
    public LedgerStats(Database db) {
        this.db = db;
        this.spend = new SpendReader(db);
    }

    /**
     * Total cost of each window, in the order given, exact for any bounds: roll-ups for the whole hours, days and
     * months inside it, rows (live or archived) for the partial hours at its ends. Roll-ups are never archived, so a
     * window reaching back before {@code ledger.keep-rows} (a 7-day baseline) still sees every cent.
     */
    public List<BigDecimal> costs(List<TimeRange> windows) {
        RollupFolder.fold(db);
        List<BigDecimal> out = new ArrayList<>(windows.size());
        for (TimeRange w : windows) {
            out.add(total(w).costUsd());
        }
        return out;
    }

    /** Upstream attempts, failed attempts and the failed ones' cost in the window (zeros when there are none). */
    public AttemptTotals attempts(TimeRange window) {
        RollupFolder.fold(db);
        SpendRow t = total(window);
        return new AttemptTotals(t.attempts(), t.failedAttempts(), t.failedCostUsd());
    }

    private SpendRow total(TimeRange w) {
        return spend.spend(new SpendQuery(List.of(), w.from(), w.to())).getFirst();
    }

    /**
     * Every (key, fingerprint) with more than {@code moreThan} distinct requests in the window, ordered by key id then
     * fingerprint. Rows without a fingerprint are not counted.
     */
    public List<RepeatedRequests> repeatedRequests(TimeRange window, long moreThan) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(key_id, ''), fingerprint,"
                    + " COUNT(DISTINCT request_id), SUM(cost) FROM usage_events"
                    + " WHERE ts_micros >= ? AND ts_micros < ? AND fingerprint IS NOT NULL"
                    + " GROUP BY COALESCE(key_id, ''), fingerprint HAVING COUNT(DISTINCT request_id) > ?"
                    + " ORDER BY 1, 2")) {
                bind(ps, window);
                ps.setLong(3, moreThan);
                List<RepeatedRequests> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new RepeatedRequests(rs.getString(1), rs.getString(2), rs.getLong(3),
                                db.dialect().readMoney(rs, 4)));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Spend of every attributed value of {@code scope} (calls without a value are not one) whose total in the window
     * is above {@code usd}, ordered by value. The window must start and end on whole UTC hours.
     */
    public List<ScopeSpend> spendAbove(Dimension scope, TimeRange window, BigDecimal usd) {
        return scopeSpend(scope, null, window, usd);
    }

    /** As {@link #spendAbove(Dimension, TimeRange, BigDecimal)} for one value only: empty or one row. */
    public List<ScopeSpend> spendAbove(Dimension scope, String value, TimeRange window, BigDecimal usd) {
        return scopeSpend(scope, value, window, usd);
    }

    private List<ScopeSpend> scopeSpend(Dimension scope, String value, TimeRange window, BigDecimal usd) {
        String column = rollupColumn(scope);
        String table = rollupTable(window);
        String sql = "SELECT " + column + ", SUM(cost) FROM " + table + " WHERE bucket_micros >= ? AND bucket_micros < ?"
                + (value == null ? " AND " + column + " <> ''" : " AND " + column + " = ?")
                + " GROUP BY " + column + " HAVING SUM(cost) > ? ORDER BY " + column;
        RollupFolder.fold(db);
        Dialect dialect = db.dialect();
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = bind(ps, window);
                if (value != null) {
                    ps.setString(i++, value);
                }
                dialect.bindMoney(ps, i, usd);
                List<ScopeSpend> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ScopeSpend(rs.getString(1), dialect.readMoney(rs, 2)));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Input tokens and rows of every prompt version (calls without one are left out) per feature, summed over the
     * hourly roll-ups whose hour starts in the window; unordered.
     */
    public List<PromptVersionUsage> promptVersions(TimeRange window) {
        RollupFolder.fold(db);
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT feature, prompt_version, MIN(bucket_micros),"
                    + " SUM(input_tokens), SUM(requests) + SUM(failed_attempts) FROM spend_hourly"
                    + " WHERE bucket_micros >= ? AND bucket_micros < ? AND prompt_version <> ''"
                    + " GROUP BY feature, prompt_version")) {
                bind(ps, window);
                List<PromptVersionUsage> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new PromptVersionUsage(rs.getString(1), rs.getString(2), instant(rs.getLong(3)),
                                rs.getLong(4), rs.getLong(5)));
                    }
                }
                return out;
            }
        });
    }

    /** The roll-up column of a scope; roll-ups keep no user and no time dimension. */
    private static String rollupColumn(Dimension scope) {
        return switch (scope) {
            case CUSTOMER -> "customer";
            case TEAM -> "team";
            case FEATURE -> "feature";
            case ENVIRONMENT -> "environment";
            case PROMPT_VERSION -> "prompt_version";
            case KEY -> "key_id";
            case MODEL -> "model";
            case PROVIDER -> "provider";
            case USER, STATUS, CACHE, DAY, HOUR -> throw new IllegalArgumentException("spend per " + scope.wireName()
                    + " is not kept in the roll-ups");
        };
    }

    /** Daily roll-ups for whole UTC days (a month is ~30 rows per value instead of ~720), hourly ones otherwise. */
    private static String rollupTable(TimeRange window) {
        long from = SpendReader.micros(window.from());
        long to = SpendReader.micros(window.to());
        if (from % Rollups.HOUR_MICROS != 0 || to % Rollups.HOUR_MICROS != 0) {
            throw new IllegalArgumentException("roll-up windows start and end on whole UTC hours, got " + window);
        }
        boolean wholeDays = from % Rollups.DAY_MICROS == 0 && to % Rollups.DAY_MICROS == 0;
        return wholeDays ? "spend_daily" : "spend_hourly";
    }

    /** Binds the window's bounds as parameters 1 and 2; returns the next parameter index. */
    private static int bind(PreparedStatement ps, TimeRange w) throws SQLException {
        ps.setLong(1, SpendReader.micros(w.from()));
        ps.setLong(2, SpendReader.micros(w.to()));
        return 3;
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
