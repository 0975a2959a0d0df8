package dev.bursar.capture;

import dev.bursar.ledger.Endpoint;
import dev.bursar.storage.Database;
import dev.bursar.storage.Dialect;
import dev.bursar.wire.ClientWire;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** The {@code request_captures} table (migration V24), beside the ledger in the same database and never joined in SQL. */
public final class CaptureStore {

    private static final String INSERT = "INSERT INTO request_captures (request_id, ts_micros, wire, endpoint, body)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (request_id) DO NOTHING";
    private static final String RANGE = "SELECT request_id, ts_micros, wire, endpoint, body FROM request_captures"
            + " WHERE ts_micros >= ? AND ts_micros < ? ORDER BY ts_micros, request_id";

    private final Database db;

    /** {@code db} must already be migrated. */
    public CaptureStore(Database db) {
        this.db = db;
    }

    /** Stores {@code captures} in one transaction; a request id already stored is left as it is. */
    public void insert(List<CapturedRequest> captures) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (CapturedRequest r : captures) {
                    ps.setString(1, r.requestId());
                    ps.setLong(2, micros(r.at()));
                    ps.setString(3, r.wire().name());
                    ps.setString(4, r.endpoint().label());
                    ps.setString(5, r.body());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** Deletes the captures made before {@code cutoff}; returns how many. */
    public int deleteBefore(Instant cutoff) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM request_captures WHERE ts_micros < ?")) {
                ps.setLong(1, micros(cutoff));
                return ps.executeUpdate();
            }
        });
    }

    /** Every capture made in [{@code from}, {@code to}), oldest first, streamed. */
    public void forEach(Instant from, Instant to, Consumer<CapturedRequest> each) {
        Dialect dialect = db.dialect();
        db.read(c -> {
            boolean autoCommit = c.getAutoCommit();
            if (dialect == Dialect.POSTGRES) {
                c.setAutoCommit(false); // PostgreSQL only streams with a cursor inside a transaction
            }
            try (PreparedStatement ps = c.prepareStatement(RANGE)) {
                ps.setFetchSize(500);
                ps.setLong(1, micros(from));
                ps.setLong(2, micros(to));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        each.accept(row(rs));
                    }
                }
            } finally {
                if (dialect == Dialect.POSTGRES) {
                    c.commit();
                    c.setAutoCommit(autoCommit);
                }
            }
            return null;
        });
    }

    /** How many captures are stored. */
    public long count() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM request_captures");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static CapturedRequest row(ResultSet rs) throws SQLException {
        long micros = rs.getLong(2);
        Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
        return new CapturedRequest(rs.getString(1), at, ClientWire.valueOf(rs.getString(3)),
                Endpoint.ofLabel(rs.getString(4)), rs.getString(5));
    }

    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }
}
