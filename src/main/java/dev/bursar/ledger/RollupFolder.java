package dev.bursar.ledger;

import dev.bursar.storage.Database;
import dev.bursar.storage.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * On SQLite the roll-ups are not written in the rows' own transaction (three upserts there were a sixth of a
 * request's CPU at one connection, on the request path): rows are committed first, and folded into the hourly, daily
 * and monthly roll-ups afterwards, by SQL over the rows above a watermark, in one transaction with the watermark. The
 * ledger writer folds every {@link #PERIOD_MILLIS} ms; every reader of roll-ups folds first ({@link #fold(Database)}),
 * so reports always include every committed row, and a crash between a commit and its fold loses nothing: the next
 * fold picks the rows up. On PostgreSQL roll-ups stay in the rows' transaction and this does nothing.
 */
final class RollupFolder {

    static final long PERIOD_MILLIS = 20;

    private RollupFolder() {
    }

    /** Folds every committed row not in the roll-ups yet (SQLite); a no-op on PostgreSQL. */
    static void fold(Database db) {
        if (db.dialect() != Dialect.SQLITE) {
            return;
        }
        try {
            // Looked at without the write lock first: readers mostly find nothing to fold.
            if (db.read(RollupFolder::behind)) {
                db.transaction(c -> {
                    fold(c);
                    return null;
                });
            }
        } catch (RuntimeException e) {
            // A read-only copy of a ledger cannot be folded; reports then show what its roll-ups hold.
            if (!String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("readonly")) {
                throw e;
            }
        }
    }

    private static boolean behind(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT (SELECT COALESCE(MAX(rowid), 0) FROM usage_events)"
                     + " > (SELECT last_rowid FROM rollup_watermark WHERE id = 1)")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** On a connection inside a write transaction. */
    static void fold(Connection c) throws SQLException {
        long from;
        long to;
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT last_rowid FROM rollup_watermark WHERE id = 1")) {
                rs.next();
                from = rs.getLong(1);
            }
            try (ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(rowid), 0) FROM usage_events")) {
                rs.next();
                to = rs.getLong(1);
            }
        }
        if (to <= from) {
            return;
        }
        for (String[] grain : GRAINS) {
            try (PreparedStatement ps = c.prepareStatement(foldSql(grain[0], grain[1]))) {
                ps.setLong(1, from);
                ps.setLong(2, to);
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE rollup_watermark SET last_rowid = ? WHERE id = 1")) {
            ps.setLong(1, to);
            ps.executeUpdate();
        }
    }

    /** Table and bucket start (UTC microseconds) of each roll-up, as {@link Rollups.Grain#bucket} computes it. */
    private static final String[][] GRAINS = {
            {"spend_hourly", "(ts_micros / " + Rollups.HOUR_MICROS + ") * " + Rollups.HOUR_MICROS},
            {"spend_daily", "(ts_micros / " + Rollups.DAY_MICROS + ") * " + Rollups.DAY_MICROS},
            {"spend_monthly", "CAST(strftime('%s', ts_micros / 1000000, 'unixepoch', 'start of month') AS INTEGER) * 1000000"},
    };

    static String foldSql(String table, String bucket) {
        StringBuilder sums = new StringBuilder();
        for (String m : Rollups.MEASURES.split(",\\s*")) {
            sums.append(", SUM(").append(m).append(')');
        }
        String upsert = Rollups.upsertSql(table);
        String onConflict = upsert.substring(upsert.indexOf(" ON CONFLICT"));
        return "INSERT INTO " + table + " (bucket_micros, " + Rollups.DIMENSIONS + ", " + Rollups.MEASURES + ") SELECT "
                + bucket + ", COALESCE(key_id, ''), COALESCE(customer, ''), COALESCE(team, ''), COALESCE(feature, ''),"
                + " COALESCE(environment, ''), COALESCE(prompt_version, ''), COALESCE(served_model, ''), COALESCE(provider, '')"
                + sums + " FROM usage_events WHERE rowid > ? AND rowid <= ? GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9" + onConflict;
    }
}
