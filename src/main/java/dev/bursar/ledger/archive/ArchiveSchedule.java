package dev.bursar.ledger.archive;

import dev.bursar.config.LedgerConfig;
import dev.bursar.storage.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The gateway's background archiving: every {@code ledger.archive-every}, rows older than {@code ledger.keep-rows}
 * go to the archives, on one low-priority thread; its deletes are small transactions, so appends keep their pace.
 * A failed run (disk full, say) deletes nothing it has not verified and is retried at the next tick.
 */
public final class ArchiveSchedule implements AutoCloseable {

    private final ScheduledExecutorService scheduler;
    private final AtomicReference<String> last = new AtomicReference<>("not run yet");

    private ArchiveSchedule(LedgerArchiver archiver, Duration keepRows, Duration every, Clock clock) {
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("bursar-ledger-archive").priority(Thread.MIN_PRIORITY).factory());
        long period = every.toMillis();
        // DuckDB's native library (tens of MB, extracted to a temp file on first use) loads now, at start, rather
        // than in the middle of the first run under traffic.
        scheduler.execute(ArchiveSchedule::loadDuckDb);
        // The first run soon after start (a gateway restarted daily must still archive), then every period.
        scheduler.scheduleWithFixedDelay(() -> runOnce(archiver, keepRows, clock), Math.min(period, 60_000L), period,
                TimeUnit.MILLISECONDS);
    }

    /** Starts archiving when {@code ledger.keep-rows} is set; empty otherwise. */
    public static Optional<ArchiveSchedule> start(Database db, LedgerConfig config, Clock clock) {
        return config.retention().map(keep -> new ArchiveSchedule(
                new LedgerArchiver(db, Path.of(config.archive()), config.batchRows()).paced(ArchiveSchedule::rest),
                keep, config.archiveEvery(), clock));
    }

    /**
     * Work a fifth of the time at most: after each piece (5,000 rows copied, one delete batch, one file written) sleep
     * four times as long. Java thread priorities do not reach the Linux scheduler, so a background run that did not
     * yield would take a whole core from a gateway pinned to one (bench/archive.sh measured p99 x8.5 without this).
     */
    static void rest(long busyNanos) {
        try {
            Thread.sleep(java.time.Duration.ofNanos(Math.min(busyNanos * 4, 2_000_000_000L)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("archiving interrupted");
        }
    }

    private void runOnce(LedgerArchiver archiver, Duration keepRows, Clock clock) {
        try {
            ArchiveRun run = archiver.archiveBefore(clock.instant().minus(keepRows));
            last.set("archived " + run.rows() + " rows into " + run.files().size() + " files");
        } catch (RuntimeException e) {
            last.set("failed: " + e.getMessage()); // nothing unverified was deleted; the next tick retries
        }
    }

    private static void loadDuckDb() {
        try (var c = dev.bursar.ledger.Parquet.open()) {
            c.isValid(1);
        } catch (java.sql.SQLException | RuntimeException e) {
            // The first run loads it again and reports what went wrong.
        }
    }

    /** What the last run did, for health and logs. */
    public String lastRun() {
        return last.get();
    }

    /** Stops after the run in progress, if any (its steps are each safe to stop between). */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
