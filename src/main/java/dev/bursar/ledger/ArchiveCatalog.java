package dev.bursar.ledger;

import dev.bursar.storage.Database;
import dev.bursar.storage.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code ledger_archive} table (V29): which Parquet files hold which rows. It lives in the ledger's own database,
 * so every reader of the ledger (the gateway, {@code bursar report}, {@code bursar export}) finds the archives without
 * being told where they are.
 */
public final class ArchiveCatalog {

    private static final String COLUMNS = "path, month, from_micros, to_micros, row_count, cost, state";

    private final Database db;

    public ArchiveCatalog(Database db) {
        this.db = db;
    }

    /** Every archive file, oldest range first. */
    public List<ArchiveFile> all() {
        return db.read(c -> list(c, Long.MIN_VALUE, Long.MAX_VALUE, db.dialect()));
    }

    /** The files whose range overlaps [from, to), oldest first, on a connection the caller holds. */
    static List<ArchiveFile> overlapping(Connection c, long from, long to, Dialect dialect) throws SQLException {
        // A file recorded but not yet renamed into place (a run stopped there) has had none of its rows deleted:
        // the database alone answers for its range until a rerun finishes it.
        return list(c, from, to, dialect).stream()
                .filter(f -> f.complete() || java.nio.file.Files.exists(java.nio.file.Path.of(f.path())))
                .toList();
    }

    private static List<ArchiveFile> list(Connection c, long from, long to, Dialect dialect) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM ledger_archive"
                + " WHERE from_micros < ? AND to_micros > ? ORDER BY from_micros, path")) {
            ps.setLong(1, to);
            ps.setLong(2, from);
            List<ArchiveFile> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ArchiveFile(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            dialect.readMoney(rs, 6), ArchiveFile.COMPLETE.equals(rs.getString(7))));
                }
            }
            return out;
        }
    }

    /** Records a written and verified file; its rows are still in the database. */
    public void addVerified(ArchiveFile f) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_archive (" + COLUMNS
                    + ", created_micros) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, f.path());
                ps.setString(2, f.month());
                ps.setLong(3, f.fromMicros());
                ps.setLong(4, f.toMicros());
                ps.setLong(5, f.rows());
                db.dialect().bindMoney(ps, 6, f.cost());
                ps.setString(7, ArchiveFile.VERIFIED);
                ps.setLong(8, SpendReader.micros(java.time.Instant.now()));
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The file's rows are gone from the database: readers take its range from the file alone. */
    public void markComplete(String path) {
        update("UPDATE ledger_archive SET state = '" + ArchiveFile.COMPLETE + "' WHERE path = ?", path);
    }

    /** Forgets a file (restored into the database, or never renamed into place). */
    public void remove(String path) {
        update("DELETE FROM ledger_archive WHERE path = ?", path);
    }

    private void update(String sql, String path) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, path);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Takes or renews the archiver's lease until {@code untilMicros}; false while another owner holds an unexpired
     * one. Only the holder archives, restores or deletes rows, so two runs never write the same day twice.
     */
    public boolean lease(String owner, long nowMicros, long untilMicros) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE ledger_archive_lease SET owner = ?, until_micros = ?"
                    + " WHERE id = 1 AND (owner = ? OR until_micros < ?)")) {
                ps.setString(1, owner);
                ps.setLong(2, untilMicros);
                ps.setString(3, owner);
                ps.setLong(4, nowMicros);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Gives the lease up (only if {@code owner} holds it). */
    public void release(String owner) {
        update("UPDATE ledger_archive_lease SET until_micros = 0 WHERE id = 1 AND owner = ?", owner);
    }
}
