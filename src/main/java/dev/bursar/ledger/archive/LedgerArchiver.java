package dev.bursar.ledger.archive;

import dev.bursar.ledger.ArchiveCatalog;
import dev.bursar.ledger.ArchiveFile;
import dev.bursar.ledger.LiveRows;
import dev.bursar.ledger.LedgerException;
import dev.bursar.ledger.Parquet;
import dev.bursar.pricing.Money;
import dev.bursar.storage.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Moves old ledger rows into Parquet files, one file per UTC day in a folder per month, in an order that survives
 * a kill at any point: (1) copy the day's rows into a staging table and write it to {@code *.parquet.tmp}; (2) read
 * the file back: its row count and cost sum must equal what was copied; (3) record it in the catalog as verified;
 * (4) rename it into place; (5) delete exactly its rows (by event id, {@code batchRows} per transaction, so the
 * gateway's writer waits for one small delete at most); (6) mark it complete. A rerun first finishes any file left
 * at (3)-(5). Roll-ups are never touched, so reports that read them do not move while this runs.
 */
public final class LedgerArchiver {

    static final long DAY_MICROS = 86_400_000_000L;

    /** Where a run may be stopped in a test, to prove a rerun finishes it. */
    public interface Checkpoint {
        Checkpoint NONE = step -> { };

        /** Called after each step: "written", "recorded", "renamed", "deleted" (after every batch). */
        void reached(String step);
    }

    /**
     * Lets a background run yield between small pieces of work: called with the nanoseconds the piece took. The
     * gateway's schedule sleeps a multiple of it, so archiving takes a bounded share of a core (see ArchiveSchedule).
     */
    public interface Pace {
        Pace NONE = busyNanos -> { };

        void after(long busyNanos);
    }

    private final LiveRows live;
    private Pace pace = Pace.NONE;
    private long pieceStart = System.nanoTime();
    private final ArchiveCatalog catalog;
    private final Path dir;
    private final int batchRows;
    private final Checkpoint checkpoint;
    private final String owner = java.util.UUID.randomUUID().toString();

    public LedgerArchiver(Database db, Path dir, int batchRows) {
        this(db, dir, batchRows, Checkpoint.NONE);
    }

    public LedgerArchiver(Database db, Path dir, int batchRows, Checkpoint checkpoint) {
        this.live = new LiveRows(db);
        this.catalog = new ArchiveCatalog(db);
        this.dir = dir.toAbsolutePath().normalize();
        this.batchRows = batchRows;
        this.checkpoint = checkpoint;
    }

    /** Sets how a run yields between pieces of work (the background schedule); returns this. */
    public LedgerArchiver paced(Pace p) {
        this.pace = p;
        return this;
    }

    /** Ends a piece of work: lets the pace sleep, then starts timing the next piece. */
    private void yieldPiece() {
        pace.after(System.nanoTime() - pieceStart);
        pieceStart = System.nanoTime();
    }

    /**
     * Archives every row older than the start of {@code before}'s UTC day (whole days only).
     *
     * @throws LedgerException when another archiver holds the lease (it is doing this work already)
     */
    public ArchiveRun archiveBefore(Instant before) {
        long cutoff = Math.floorDiv(micros(before), DAY_MICROS) * DAY_MICROS;
        return leased(() -> {
            List<String> files = new ArrayList<>();
            long rows = 0;
            BigDecimal cost = Money.ZERO;
            int resumed = resume();
            cleanStaleTemporaries();
            long from = Long.MIN_VALUE;
            OptionalLong next;
            while ((next = live.oldest(from, cutoff)).isPresent()) {
                renew();
                long day = Math.floorDiv(next.getAsLong(), DAY_MICROS) * DAY_MICROS;
                long to = Math.min(day + DAY_MICROS, cutoff);
                ArchiveFile f = archiveDay(day, to);
                files.add(f.path());
                rows += f.rows();
                cost = cost.add(f.cost());
                from = to; // the next day; rows booked into this one meanwhile wait for the next run
            }
            return new ArchiveRun(files, rows, cost, resumed);
        });
    }

    /** How long a lease lasts without renewal: a killed archiver blocks the next one this long at most. */
    static final long LEASE_MICROS = 10 * 60 * 1_000_000L;

    private <T> T leased(java.util.function.Supplier<T> work) {
        if (!catalog.lease(owner, micros(Instant.now()), micros(Instant.now()) + LEASE_MICROS)) {
            throw new LedgerException("another archive run is in progress (the gateway's background archiving or"
                    + " another `bursar ledger` command); try again when it is done", null);
        }
        try {
            return work.get();
        } finally {
            catalog.release(owner);
        }
    }

    private void renew() {
        if (!catalog.lease(owner, micros(Instant.now()), micros(Instant.now()) + LEASE_MICROS)) {
            throw new LedgerException("the archive lease was lost (this run stalled for over "
                    + LEASE_MICROS / 60_000_000L + " minutes); stopping before deleting anything more", null);
        }
    }

    private ArchiveFile archiveDay(long from, long to) {
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(from, DAY_MICROS));
        YearMonth month = YearMonth.from(day);
        try (Connection duck = Parquet.open()) {
            Parquet.createTable(duck, "stage");
            Parquet.Totals copied;
            try (var appender = Parquet.appender(duck, "stage")) {
                pieceStart = System.nanoTime();
                copied = live.copy(from, to, appender, this::yieldPiece);
            }
            Path monthDir = Files.createDirectories(dir.resolve(month.toString()));
            Path target = freeName(monthDir, "usage-" + day);
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            Parquet.write(duck, "stage", tmp.toString());
            Parquet.Totals read = Parquet.totals(duck, List.of(tmp.toString()));
            yieldPiece();
            if (read.rows() != copied.rows() || read.cost().compareTo(copied.cost()) != 0) {
                Files.deleteIfExists(tmp);
                throw new LedgerException("archive " + tmp + " reads back " + read + " but " + copied
                        + " were written; nothing deleted", null);
            }
            force(tmp);
            checkpoint.reached("written");
            ArchiveFile file = new ArchiveFile(target.toString(), month.toString(), from, to, copied.rows(),
                    copied.cost(), false);
            catalog.addVerified(file);
            checkpoint.reached("recorded");
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            force(monthDir);
            checkpoint.reached("renamed");
            deleteRows(duck, "stage");
            catalog.markComplete(file.path());
            return file;
        } catch (SQLException e) {
            throw new LedgerException("archiving " + day + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("archiving " + day + " failed: " + e.getMessage(), e);
        }
    }

    /** Deletes the rows whose event ids are in {@code source} (a staging table or a Parquet file). */
    private void deleteRows(Connection duck, String source) throws SQLException {
        try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery("SELECT event_id FROM " + source)) {
            List<String> batch = new ArrayList<>(batchRows);
            int batches = 0;
            while (rs.next()) {
                batch.add(rs.getString(1));
                if (batch.size() == batchRows) {
                    if (++batches % 100 == 0) {
                        renew();
                    }
                    live.delete(batch);
                    checkpoint.reached("deleted");
                    batch.clear();
                    yieldPiece();
                }
            }
            live.delete(batch);
            checkpoint.reached("deleted");
        }
    }

    /** Finishes the files an interrupted run left verified but not complete; returns how many. */
    private int resume() {
        int n = 0;
        for (ArchiveFile f : catalog.all()) {
            if (f.complete()) {
                continue;
            }
            Path target = Path.of(f.path());
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            try {
                if (!Files.exists(target) && Files.exists(tmp)) {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE); // verified before it was recorded
                }
                if (!Files.exists(target)) {
                    // Rows are deleted only after the rename: with no file, every row is still in the database.
                    catalog.remove(f.path());
                    continue;
                }
                try (Connection duck = Parquet.open()) {
                    deleteRows(duck, "read_parquet(" + quote(f.path()) + ")");
                }
                catalog.markComplete(f.path());
                n++;
            } catch (SQLException e) {
                throw new LedgerException("finishing archive " + f.path() + " failed: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException("finishing archive " + f.path() + " failed: " + e.getMessage(), e);
            }
        }
        return n;
    }

    /** Puts a month's archived rows back into the database and removes its files; returns the rows restored. */
    public long restore(YearMonth month) {
        return leased(() -> restoreLeased(month));
    }

    private long restoreLeased(YearMonth month) {
        resume();
        long rows = 0;
        for (ArchiveFile f : catalog.all()) {
            if (!f.month().equals(month.toString())) {
                continue;
            }
            rows += live.restore(f);
            try {
                Files.deleteIfExists(Path.of(f.path()));
            } catch (IOException e) {
                // The catalog no longer names it: no reader counts it; the file is only left over on disk.
            }
        }
        return rows;
    }

    /** A {@code *.tmp} that no catalog entry names is a file a killed run never verified: its rows are all live. */
    private void cleanStaleTemporaries() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<String> recorded = catalog.all().stream().map(f -> f.path() + ".tmp").toList();
        try (Stream<Path> files = Files.walk(dir, 2)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".parquet.tmp")).toList()) {
                if (!recorded.contains(p.toString())) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + dir + ": " + e.getMessage(), e);
        }
    }

    /** {@code usage-2026-11-05.parquet}, or {@code usage-2026-11-05.2.parquet} for rows booked after the first. */
    private static Path freeName(Path monthDir, String stem) {
        for (int i = 1; ; i++) {
            Path p = monthDir.resolve(stem + (i == 1 ? "" : "." + i) + ".parquet");
            if (!Files.exists(p) && !Files.exists(p.resolveSibling(p.getFileName() + ".tmp"))) {
                return p;
            }
        }
    }

    private static void force(Path p) throws IOException {
        try (FileChannel ch = FileChannel.open(p, Files.isDirectory(p) ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }
}
