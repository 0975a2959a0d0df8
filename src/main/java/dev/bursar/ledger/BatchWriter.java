package dev.bursar.ledger;

import dev.bursar.storage.Database;
import dev.bursar.storage.Dialect;
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
    private PreparedStatement insert;
    private PreparedStatement hourly;
    private PreparedStatement daily;
    private PreparedStatement monthly;
    private PreparedStatement begin;
    private PreparedStatement commit;

    BatchWriter(Database db) {
        this.db = db;
    }

    void write(List<EncodedEvent> events) throws SQLException {
        Connection c = connection();
        try {
            begin(c);
            for (EncodedEvent e : events) {
                EventTable.bind(insert, e, db.dialect());
                insert.addBatch();
            }
            insert.executeBatch();
            if (db.dialect() != Dialect.SQLITE) {
                // SQLite folds roll-ups after the commit (RollupFolder); PostgreSQL keeps them in the rows' transaction.
                Rollups.upsert(hourly, db.dialect(), Rollups.sum(events, Rollups.Grain.HOUR));
                Rollups.upsert(daily, db.dialect(), Rollups.sum(events, Rollups.Grain.DAY));
                Rollups.upsert(monthly, db.dialect(), Rollups.sum(events, Rollups.Grain.MONTH));
            }
            commit(c);
        } catch (SQLException | RuntimeException e) {
            reset();
            throw e;
        }
    }

    /** Folds committed rows into the roll-ups (SQLite), in a transaction of its own, at most every few ms. */
    void foldIfDue(boolean force) throws SQLException {
        if (db.dialect() != Dialect.SQLITE) {
            return;
        }
        long now = System.nanoTime();
        if (!force && now - lastFoldNanos < RollupFolder.PERIOD_MILLIS * 1_000_000) {
            return;
        }
        Connection c = connection();
        try {
            begin(c);
            RollupFolder.fold(c);
            commit(c);
            lastFoldNanos = now;
        } catch (SQLException | RuntimeException e) {
            reset();
            throw e;
        }
    }

    private long lastFoldNanos = System.nanoTime();

    private void begin(Connection c) throws SQLException {
        if (db.dialect() == Dialect.SQLITE) {
            // Plain BEGIN/COMMIT in auto-commit mode: sqlite-jdbc's setAutoCommit(false) + commit() + setAutoCommit(true)
            // runs BEGIN, COMMIT, BEGIN, COMMIT, taking and releasing the write lock twice per batch.
            begin.execute();
        } else {
            // Per batch, not per connection: a driver may open the next transaction right after a commit while
            // auto-commit is off, which would hold the write lock between batches and starve every other writer.
            c.setAutoCommit(false);
        }
    }

    private void commit(Connection c) throws SQLException {
        if (db.dialect() == Dialect.SQLITE) {
            commit.execute();
        } else {
            c.commit();
            c.setAutoCommit(true);
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = db.connect();
            // Prepared once per connection: the writer runs thousands of small batches a second.
            insert = connection.prepareStatement(EventTable.INSERT);
            hourly = connection.prepareStatement(Rollups.upsertSql("spend_hourly"));
            daily = connection.prepareStatement(Rollups.upsertSql("spend_daily"));
            monthly = connection.prepareStatement(Rollups.upsertSql("spend_monthly"));
            if (db.dialect() == Dialect.SQLITE) {
                // The connection's transaction mode is IMMEDIATE, but a plain BEGIN statement would be DEFERRED.
                begin = connection.prepareStatement("BEGIN IMMEDIATE");
                commit = connection.prepareStatement("COMMIT");
            }
        }
        return connection;
    }

    /** After a failure the transaction is rolled back and the connection replaced, in case it is broken. */
    private void reset() {
        try {
            if (db.dialect() == Dialect.SQLITE) {
                try (var st = connection.createStatement()) {
                    st.execute("ROLLBACK");
                }
            } else {
                connection.rollback();
            }
        } catch (SQLException | RuntimeException ignored) {
            // the connection is dropped below
        }
        close();
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close(); // closes its statements too
            } catch (SQLException ignored) {
                // nothing to flush: every batch was committed or rolled back
            }
            connection = null;
        }
    }
}
