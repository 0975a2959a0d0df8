package dev.bursar.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Moves SQLite's write-ahead log into the database file from a thread of its own, so that no commit waits for it.
 *
 * <p>With SQLite's automatic checkpoints, the connection whose commit pushed the WAL past its limit copies the log
 * into the database and fsyncs it before its commit returns; for the ledger's writer that is every request waiting
 * on its group commit. bench/latency.sh measured it: at a fixed half-maximum rate, 50-60 ms stalls and a whole-call
 * p99 of +45 ms with them, +3 ms without. Here a PASSIVE checkpoint runs every {@code every} (200 ms; property {@code bursar.sqlite.checkpoint-ms}): it copies what no reader
 * still needs, never blocks a writer, and the writer restarts the log from its start once it has all been copied.
 */
final class WalCheckpointer implements AutoCloseable {

    private static final long REPORT_EVERY_NANOS = 60_000_000_000L;

    private final Thread thread;
    private volatile boolean stopped;

    WalCheckpointer(Supplier<Connection> connect, Duration every, String description) {
        this.thread = Thread.ofPlatform().daemon().name("bursar-wal-checkpoint").unstarted(() -> run(connect, every, description));
        thread.start();
    }

    private void run(Supplier<Connection> connect, Duration every, String description) {
        Connection c = null;
        long lastReport = System.nanoTime() - REPORT_EVERY_NANOS;
        try {
            while (!stopped) {
                try {
                    Thread.sleep(every);
                } catch (InterruptedException e) {
                    return;
                }
                try {
                    if (c == null) {
                        c = connect.get();
                    }
                    try (Statement st = c.createStatement()) {
                        st.execute("PRAGMA wal_checkpoint(PASSIVE)");
                    }
                } catch (SQLException | StorageException e) {
                    // A busy or closing database: the next round tries again; commits never depend on it.
                    if (c != null) {
                        Database.quietClose(c);
                    }
                    c = null;
                    if (stopped) {
                        return;
                    }
                    if (System.nanoTime() - lastReport >= REPORT_EVERY_NANOS) {
                        // Said once a minute at most: a database that stays unreachable must not flood the log.
                        System.err.println("bursar: WAL checkpoint of " + description + " failed, retrying: " + e.getMessage());
                        lastReport = System.nanoTime();
                    }
                }
            }
        } finally {
            if (c != null) {
                Database.quietClose(c);
            }
        }
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
