package dev.bursar.bench;

import dev.bursar.ledger.ArchiveCatalog;
import dev.bursar.ledger.ArchiveFile;
import dev.bursar.ledger.LiveRows;
import dev.bursar.ledger.SqlLedger;
import dev.bursar.ledger.UsageEvent;
import dev.bursar.ledger.archive.ArchiveRun;
import dev.bursar.ledger.archive.LedgerArchiver;
import dev.bursar.storage.Database;
import dev.bursar.storage.Migrator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The ledger's lifecycle (issue 17), for {@code bench/archive.sh}: {@code generate DB ROWS FROM_DAYS TO_DAYS} writes
 * ROWS rows spread over [now - FROM_DAYS, now - TO_DAYS) with LedgerBench's mix; {@code archive DB DIR DAYS} times
 * one archive run of the rows older than DAYS days; {@code footprint DB} prints rows and bytes per row.
 */
public final class ArchiveBench {

    private ArchiveBench() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "generate" -> generate(Path.of(args[1]), Long.parseLong(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]));
            case "archive" -> archive(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
            case "footprint" -> footprint(Path.of(args[1]));
            default -> throw new IllegalArgumentException("generate | archive | footprint");
        }
    }

    private static void generate(Path db, long rows, int fromDays, int toDays) {
        long now = Instant.now().getEpochSecond() * 1_000_000L;
        long start = now - fromDays * 86_400_000_000L;
        long span = (fromDays - toDays) * 86_400_000_000L;
        try (Database database = Database.sqlite(db, "NORMAL")) {
            Migrator.migrate(database);
            SqlLedger ledger = new SqlLedger(database);
            SplittableRandom r = new SplittableRandom(2026);
            long t0 = System.nanoTime();
            List<UsageEvent> events = new ArrayList<>(50_000);
            for (long i = 0; i < rows; i++) {
                long micros = start + span / rows * i + r.nextLong(span / rows);
                events.add(LedgerBench.event(java.util.UUID.randomUUID().toString(),
                        Instant.ofEpochSecond(micros / 1_000_000, micros % 1_000_000 * 1_000), r));
                if (events.size() == 50_000 || i == rows - 1) {
                    ledger.appendAll(events);
                    events.clear();
                }
            }
            System.out.printf("generate: %,d rows in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);
            ledger.close();
        }
    }

    private static void archive(Path db, Path dir, int days) {
        try (Database database = Database.sqlite(db, "NORMAL")) {
            Migrator.migrate(database);
            long t0 = System.nanoTime();
            ArchiveRun run = new LedgerArchiver(database, dir, 2000)
                    .archiveBefore(Instant.now().minusSeconds(days * 86_400L));
            double s = (System.nanoTime() - t0) / 1e9;
            long bytes = 0;
            for (ArchiveFile f : new ArchiveCatalog(database).all()) {
                bytes += Files.size(Path.of(f.path()));
            }
            System.out.printf("archive: %,d rows into %d files in %.1f s (%,.0f rows/s); Parquet %,d bytes = %.1f bytes/row%n",
                    run.rows(), run.files().size(), s, run.rows() / s, bytes, run.rows() == 0 ? 0.0 : (double) bytes / run.rows());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void footprint(Path db) throws Exception {
        try (Database database = Database.sqlite(db, "NORMAL")) {
            LiveRows.Footprint fp = new LiveRows(database).footprint();
            long file = Files.size(db);
            Path wal = db.resolveSibling(db.getFileName() + "-wal");
            long walBytes = Files.exists(wal) ? Files.size(wal) : 0;
            System.out.printf("footprint: %,d rows; usage_events + indexes %,d bytes = %.0f bytes/row;"
                            + " database file %,d bytes, WAL %,d bytes = %.0f bytes/row at rest%n",
                    fp.rows(), fp.bytes(), fp.rows() == 0 ? 0.0 : (double) fp.bytes() / fp.rows(), file, walBytes,
                    fp.rows() == 0 ? 0.0 : (double) (file + walBytes) / fp.rows());
        }
    }
}
