package dev.bursar.ledger;

import dev.bursar.storage.Database;
import dev.bursar.storage.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * One unordered scan of raw rows over both homes a row can have: the database and the Parquet archives (issue 17),
 * so a reader of rows (replay, the prompt audit) does not silently lose archived months. The query is written once
 * against {@code usage_events}; over the archives the same text runs in DuckDB with the table replaced by the files.
 */
final class RawScan {

    /** One row of either source; archived rows read their money as DECIMAL (see {@link Parquet}). */
    interface Row {
        void accept(ResultSet rs, Dialect dialect) throws SQLException;
    }

    private RawScan() {
    }

    /**
     * @param sql    {@code SELECT ... FROM usage_events WHERE ts_micros >= ? AND ts_micros < ? ...}, no ORDER BY
     * @param extras parameters after the two bounds (strings)
     */
    static void forEach(Database db, String sql, long from, long to, List<String> extras, Row row) {
        Dialect dialect = db.dialect();
        List<ArchiveFile> archived = db.read(c -> {
            List<ArchiveFile> files = ArchiveCatalog.overlapping(c, from, to, dialect);
            List<ArchiveFile> fileOnly = files.stream().filter(f -> !f.complete()).toList();
            StringBuilder live = new StringBuilder(sql);
            fileOnly.forEach(f -> live.append(" AND NOT (ts_micros >= ? AND ts_micros < ?)"));
            boolean autoCommit = c.getAutoCommit();
            if (dialect == Dialect.POSTGRES) {
                c.setAutoCommit(false); // PostgreSQL only streams with a cursor inside a transaction
            }
            try (PreparedStatement ps = c.prepareStatement(live.toString())) {
                ps.setFetchSize(1000);
                int i = bind(ps, from, to, extras);
                for (ArchiveFile f : fileOnly) {
                    ps.setLong(i++, f.fromMicros());
                    ps.setLong(i++, f.toMicros());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        row.accept(rs, dialect);
                    }
                }
            } finally {
                if (dialect == Dialect.POSTGRES) {
                    c.commit();
                    c.setAutoCommit(autoCommit);
                }
            }
            return files;
        });
        if (archived.isEmpty()) {
            return;
        }
        String overFiles = sql.replace("FROM usage_events",
                "FROM " + Parquet.source(archived.stream().map(ArchiveFile::path).toList()));
        try (Connection duck = Parquet.open(); PreparedStatement ps = duck.prepareStatement(overFiles)) {
            bind(ps, from, to, extras);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.accept(rs, Dialect.POSTGRES);
                }
            }
        } catch (SQLException e) {
            throw new LedgerException("reading the ledger's archives failed: " + e.getMessage(), e);
        }
    }

    private static int bind(PreparedStatement ps, long from, long to, List<String> extras) throws SQLException {
        int i = 1;
        ps.setLong(i++, from);
        ps.setLong(i++, to);
        for (String s : extras) {
            ps.setString(i++, s);
        }
        return i;
    }
}
