package dev.bursar.ledger;

import dev.bursar.storage.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes a batch of events and their roll-ups in one transaction on a connection of its own. Used by the single
 * group-commit writer thread only, so it needs no locking.
 */
final class BatchWriter implements AutoCloseable {

    private final Database db;
    private Connection connection;

    BatchWriter(Database db) {
        this.db = db;
    }

    void write(List<EncodedEvent> events) throws SQLException {
        Connection c = connection();
        try {
            // Per batch, not per connection: sqlite-jdbc opens the next write transaction right after a commit while
            // auto-commit is off, which would hold SQLite's write lock between batches and starve every other writer.
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(EventTable.INSERT)) {
                for (EncodedEvent e : events) {
                    EventTable.bind(ps, e, db.dialect());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            Rollups.upsert(c, db.dialect(), "spend_hourly", Rollups.sum(events, Rollups.HOUR_MICROS));
            Rollups.upsert(c, db.dialect(), "spend_daily", Rollups.sum(events, Rollups.DAY_MICROS));
            c.commit();
            c.setAutoCommit(true);
        } catch (SQLException | RuntimeException e) {
            reset();
            throw e;
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = db.connect();
        }
        return connection;
    }

    /** After a failure the transaction is rolled back and the connection replaced, in case it is broken. */
    private void reset() {
        try {
            connection.rollback();
        } catch (SQLException | RuntimeException ignored) {
            // the connection is dropped below
        }
        close();
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing to flush: every batch was committed or rolled back
            }
            connection = null;
        }
    }
}
