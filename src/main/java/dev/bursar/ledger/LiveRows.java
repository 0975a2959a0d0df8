package dev.bursar.ledger;

import dev.bursar.pricing.Money;
import dev.bursar.storage.Database;
import dev.bursar.storage.Dialect;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import org.duckdb.DuckDBAppender;

/**
 * The rows still in the database, as the archiver sees them: the oldest one, a range copied out to a Parquet staging
 * table, rows deleted once their file is verified, rows put back from an archive. Roll-ups are never touched: they
 * already hold every archived row, for ever.
 */
public final class LiveRows {

    private final Database db;

    public LiveRows(Database db) {
        this.db = db;
    }

    /** The time (UTC microseconds) of the oldest row with {@code from <= ts_micros < to}, if any. */
    public OptionalLong oldest(long from, long to) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT MIN(ts_micros) FROM usage_events WHERE ts_micros >= ? AND ts_micros < ?")) {
                ps.setLong(1, from);
                ps.setLong(2, to);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long v = rs.getLong(1);
                    return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(v);
                }
            }
        });
    }

    /**
     * Appends every row with {@code from <= ts_micros < to} to {@code out}, streaming (SQLite in WAL mode reads while
     * the writer commits; PostgreSQL through a cursor). Returns what was copied, to check the written file against.
     */
    public Parquet.Totals copy(long from, long to, DuckDBAppender out) {
        return copy(from, to, out, () -> { });
    }

    /**
     * As {@link #copy(long, long, DuckDBAppender)}, calling {@code every5000} after each page of 5,000 rows (pacing).
     * Pages are read by (time, event id) in separate statements, so no read snapshot stays open across pages: a long
     * one would keep SQLite from checkpointing its WAL while the gateway writes.
     */
    public Parquet.Totals copy(long from, long to, DuckDBAppender out, Runnable every5000) {
        Dialect dialect = db.dialect();
        String sql = "SELECT " + EventTable.COLUMNS + " FROM usage_events WHERE ts_micros >= ? AND ts_micros < ?"
                + " AND (ts_micros > ? OR (ts_micros = ? AND event_id > ?)) ORDER BY ts_micros, event_id LIMIT " + PAGE;
        long rows = 0;
        BigDecimal cost = Money.ZERO;
        long lastTs = Long.MIN_VALUE;
        String lastId = "";
        while (true) {
            long ts = lastTs;
            String id = lastId;
            Page page = db.read(c -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setLong(1, from);
                    ps.setLong(2, to);
                    ps.setLong(3, ts);
                    ps.setLong(4, ts);
                    ps.setString(5, id);
                    int n = 0;
                    BigDecimal sum = Money.ZERO;
                    long t = ts;
                    String e = id;
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            sum = sum.add(Parquet.copy(rs, dialect, out));
                            t = rs.getLong("ts_micros");
                            e = rs.getString("event_id");
                            n++;
                        }
                    }
                    return new Page(n, sum, t, e);
                }
            });
            rows += page.rows();
            cost = cost.add(page.cost());
            lastTs = page.lastTs();
            lastId = page.lastId();
            if (page.rows() < PAGE) {
                return new Parquet.Totals(rows, cost);
            }
            every5000.run();
        }
    }

    private static final int PAGE = 5000;

    private record Page(int rows, BigDecimal cost, long lastTs, String lastId) {
    }

    /**
     * Deletes these rows in one short transaction. On SQLite the roll-ups are folded first in the same transaction
     * (a row is never deleted before it is in the roll-ups), and the fold watermark is lowered when the newest rows
     * went: SQLite reuses the rowids above the largest left, and the next rows must still be folded.
     */
    public int delete(List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return 0;
        }
        String sql = "DELETE FROM usage_events WHERE event_id IN ("
                + String.join(", ", Collections.nCopies(eventIds.size(), "?")) + ")";
        return db.transaction(c -> {
            if (db.dialect() == Dialect.SQLITE) {
                RollupFolder.fold(c);
            }
            int n;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < eventIds.size(); i++) {
                    ps.setString(i + 1, eventIds.get(i));
                }
                n = ps.executeUpdate();
            }
            if (db.dialect() == Dialect.SQLITE) {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("UPDATE rollup_watermark SET last_rowid ="
                            + " MIN(last_rowid, (SELECT COALESCE(MAX(rowid), 0) FROM usage_events)) WHERE id = 1");
                }
            }
            return n;
        });
    }

    /**
     * Puts an archive's rows back and forgets the file, in one transaction, so a crash leaves either the file or the
     * rows, never both. The roll-ups already count these rows: on SQLite the watermark moves past them unfolded.
     */
    public long restore(ArchiveFile file) {
        Dialect dialect = db.dialect();
        return db.transaction(c -> {
            if (dialect == Dialect.SQLITE) {
                RollupFolder.fold(c);
            }
            long n = 0;
            try (Connection duck = Parquet.open(); Statement st = duck.createStatement();
                 ResultSet rs = st.executeQuery("SELECT " + EventTable.COLUMNS + " FROM "
                         + Parquet.source(List.of(file.path())));
                 PreparedStatement insert = c.prepareStatement(EventTable.INSERT)) {
                while (rs.next()) {
                    EventTable.bind(insert, EncodedEvent.of(EventTable.read(rs, Dialect.POSTGRES)), dialect);
                    insert.addBatch();
                    if (++n % 1000 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            if (dialect == Dialect.SQLITE) {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("UPDATE rollup_watermark SET last_rowid ="
                            + " (SELECT COALESCE(MAX(rowid), 0) FROM usage_events) WHERE id = 1");
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM ledger_archive WHERE path = ?")) {
                ps.setString(1, file.path());
                ps.executeUpdate();
            }
            return n;
        });
    }

    /** Rows in the database, the oldest row's time, and the bytes the rows and their indexes take. */
    public record Footprint(long rows, OptionalLong oldestMicros, long bytes) {
    }

    public Footprint footprint() {
        RollupFolder.fold(db);
        return db.read(c -> {
            long rows;
            OptionalLong oldest;
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*), MIN(ts_micros) FROM usage_events")) {
                rs.next();
                rows = rs.getLong(1);
                long o = rs.getLong(2);
                oldest = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(o);
            }
            return new Footprint(rows, oldest, bytes(c));
        });
    }

    private long bytes(Connection c) throws SQLException {
        String sql = db.dialect() == Dialect.POSTGRES ? "SELECT pg_total_relation_size('usage_events')"
                // dbstat counts the table's and its indexes' pages; sqlite-jdbc is built with it
                : "SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name = 'usage_events'"
                        + " OR name IN (SELECT name FROM sqlite_master WHERE tbl_name = 'usage_events')";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
