package dev.bursar.ledger;

import dev.bursar.storage.Database;
import java.io.OutputStream;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/**
 * The ledger on SQLite or PostgreSQL (tables from the storage migrations). Appends go through one group-commit
 * writer per ledger; reads use pooled connections. Times are stored as UTC microseconds, so sub-microsecond parts of
 * {@link UsageEvent#time()} are dropped; money is stored exactly at 1e-12 USD and finer amounts are refused.
 */
public final class SqlLedger implements Ledger {

    private final Database db;
    private final GroupCommitWriter writer;
    private final SpendReader reader;
    private final Exporter exporter;
    private final LatestReader latest;

    /** {@code db} must already be migrated; the ledger does not close it. */
    public SqlLedger(Database db) {
        this.db = db;
        RollupFolder.fold(db); // rows a crash left unfolded
        BatchWriter batches = new BatchWriter(db);
        this.writer = new GroupCommitWriter(new GroupCommitWriter.Sink() {
            @Override
            public void write(List<EncodedEvent> events) throws Exception {
                batches.write(events);
            }

            @Override
            public void afterBatch() {
                try {
                    batches.foldIfDue(false);
                } catch (Exception e) {
                    // The rows are committed; the next fold (every reader folds first) picks them up.
                }
            }

            @Override
            public void close() {
                try {
                    batches.foldIfDue(true);
                } catch (Exception e) {
                    // as above: the next start or read folds them
                }
                batches.close();
            }
        }, "bursar-ledger-writer");
        this.reader = new SpendReader(db);
        this.exporter = new Exporter(db);
        this.latest = new LatestReader(db);
    }

    /**
     * @throws IllegalArgumentException for an event that cannot be stored as given (cost finer than 1e-12 USD, missing
     *                                  id or time, unknown status): checked before queueing, nothing is written
     * @throws LedgerException          when the database refused the write
     */
    @Override
    public void append(UsageEvent event) {
        writer.append(EncodedEvent.of(event));
    }

    /**
     * Writes many events in one transaction, bypassing the group-commit queue, with exactly the rows and roll-ups
     * that {@link #append} would produce. For imports and benchmarks; do not mix with a running gateway's appends on
     * SQLite, where it holds the write lock for the whole batch.
     */
    public void appendAll(List<UsageEvent> events) {
        try (BatchWriter w = new BatchWriter(db)) {
            w.write(events.stream().map(EncodedEvent::of).toList());
            w.foldIfDue(true);
        } catch (java.sql.SQLException e) {
            throw new LedgerException("bulk ledger write of " + events.size() + " events failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<SpendRow> spend(SpendQuery query) {
        RollupFolder.fold(db); // the roll-ups hold every committed row before they are read
        return reader.spend(query);
    }

    @Override
    public void export(ExportQuery query, ExportFormat format, OutputStream out) {
        exporter.export(query, format, out);
    }

    @Override
    public List<UsageEvent> latest(LatestQuery query) {
        return latest.latest(query);
    }

    @Override
    public long count() {
        return db.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM usage_events")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Drains queued appends (each caller still gets its answer), then stops the writer. */
    @Override
    public void close() {
        writer.close();
    }
}
