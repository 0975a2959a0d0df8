package dev.bursar.ledger;

import static dev.bursar.ledger.TestEvents.dims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bursar.Stores;
import dev.bursar.ledger.archive.ArchiveRun;
import dev.bursar.ledger.archive.LedgerArchiver;
import dev.bursar.pricing.Money;
import dev.bursar.storage.Database;
import dev.bursar.storage.TestStorage;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 17's acceptance: a 60-day ledger with {@code keep-rows: 7d} ends with 7 days of rows in the database and 53
 * days in Parquet files; every report over the 60 days is the same, to the last digit, before and after; the files
 * open in DuckDB with the same row count and cost sum; a run stopped at any step loses and duplicates no row.
 */
abstract class ArchiveContractTest {

    static final Instant T0 = Instant.parse("2026-01-10T00:00:00Z");
    static final Instant NOW = T0.plus(Duration.ofDays(60)).plusSeconds(5 * 3600 + 17);
    static final int EVENTS = 1500;

    @TempDir
    Path dir;
    TestStorage testStorage;
    Stores stores;
    Database db;
    List<UsageEvent> events;

    protected abstract TestStorage newStorage(Path dir);

    @BeforeEach
    void open() {
        testStorage = newStorage(dir);
        stores = Stores.open(testStorage.config());
        db = stores.database();
        events = TestEvents.fixture(T0, 60, EVENTS, 17);
        ((SqlLedger) stores.ledger()).appendAll(events);
    }

    @AfterEach
    void closeAll() {
        stores.close();
        testStorage.close();
    }

    LedgerArchiver archiver(int batch, LedgerArchiver.Checkpoint checkpoint) {
        return new LedgerArchiver(db, dir.resolve("archive"), batch, checkpoint);
    }

    Instant cutoff() {
        return NOW.minus(Duration.ofDays(7)).truncatedTo(ChronoUnit.DAYS);
    }

    @Test
    void sixtyDaysWithKeepRowsSevenDaysLeaveSevenDaysOfRowsAndFiftyThreeDaysOfArchivesAndTheSameReports() throws Exception {
        Map<String, Object> before = reports();

        ArchiveRun run = archiver(100, LedgerArchiver.Checkpoint.NONE).archiveBefore(NOW.minus(Duration.ofDays(7)));

        long kept = events.stream().filter(e -> !e.time().isBefore(cutoff())).count();
        assertThat(stores.ledger().count()).isEqualTo(kept);
        assertThat(run.rows()).isEqualTo(EVENTS - kept);
        assertThat(new ArchiveCatalog(db).all()).hasSize(53).allMatch(ArchiveFile::complete);
        assertThat(run.files()).hasSize(53);
        assertThat(reports()).isEqualTo(before);

        // The files are plain Parquet: DuckDB reads the whole folder with a glob, Bursar not involved.
        BigDecimal archivedCost = events.stream().filter(e -> e.time().isBefore(cutoff()))
                .map(e -> e.charge().costUsd()).reduce(BigDecimal.ZERO, BigDecimal::add);
        try (Connection duck = java.sql.DriverManager.getConnection("jdbc:duckdb:");
             Statement st = duck.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*), SUM(cost), MIN(\"time\") FROM read_parquet('"
                     + dir.resolve("archive") + "/*/*.parquet')")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(EVENTS - kept);
            assertThat(rs.getBigDecimal(2)).isEqualByComparingTo(archivedCost);
            assertThat(rs.getObject(3).toString()).startsWith("2026-01-10");
        }
        assertThat(run.cost()).isEqualByComparingTo(archivedCost);

        // A second run finds nothing more to move.
        assertThat(archiver(100, LedgerArchiver.Checkpoint.NONE).archiveBefore(NOW.minus(Duration.ofDays(7))).rows()).isZero();
    }

    @Test
    void restoringAMonthPutsItsRowsBackAndReportsStillMatch() {
        Map<String, Object> before = reports();
        archiver(500, LedgerArchiver.Checkpoint.NONE).archiveBefore(NOW.minus(Duration.ofDays(7)));

        long restored = archiver(500, LedgerArchiver.Checkpoint.NONE).restore(YearMonth.of(2026, 2));

        long february = events.stream().filter(e -> e.time().toString().startsWith("2026-02")).count();
        assertThat(restored).isEqualTo(february);
        assertThat(new ArchiveCatalog(db).all()).noneMatch(f -> f.month().equals("2026-02"));
        assertThat(reports()).isEqualTo(before);
        // New appends after a restore still reach the roll-ups (SQLite's fold watermark moved past the restored rows).
        stores.ledger().append(TestEvents.simple("late", NOW, "acme", "1.25"));
        assertThat(total()).isEqualByComparingTo(totalOf(events).add(new BigDecimal("1.25")));
    }

    @Test
    void rowsBookedIntoAnArchivedDayAfterItsRunAreStillReportedAndGoIntoASecondFile() {
        archiver(500, LedgerArchiver.Checkpoint.NONE).archiveBefore(NOW.minus(Duration.ofDays(7)));
        UsageEvent late = TestEvents.simple("late-batch", T0.plusSeconds(3600 * 30 + 7), "acme", "0.5");
        stores.ledger().append(late);
        List<UsageEvent> all = new ArrayList<>(events);
        all.add(late);

        assertThat(total()).isEqualByComparingTo(totalOf(all));
        assertThat(exportIds()).hasSize(EVENTS + 1);

        ArchiveRun second = archiver(500, LedgerArchiver.Checkpoint.NONE).archiveBefore(NOW.minus(Duration.ofDays(7)));
        assertThat(second.files()).singleElement().asString().endsWith("usage-2026-01-11.2.parquet");
        assertThat(exportIds()).hasSize(EVENTS + 1);
        assertThat(total()).isEqualByComparingTo(totalOf(all));
    }

    /** A kill at each step of a run (and at each delete batch), then a rerun: no row lost, none twice. */
    @ParameterizedTest
    @ValueSource(strings = {"written:1", "recorded:1", "renamed:1", "deleted:1", "written:9", "deleted:40"})
    void aRunStoppedAtAnyStepIsFinishedByTheNextWithoutLosingOrDuplicatingARow(String stop) {
        Map<String, Object> before = reports();
        String step = stop.split(":")[0];
        int nth = Integer.parseInt(stop.split(":")[1]);
        AtomicInteger seen = new AtomicInteger();
        LedgerArchiver crashing = archiver(16, s -> {
            if (s.equals(step) && seen.incrementAndGet() == nth) {
                throw new Killed();
            }
        });
        assertThatThrownBy(() -> crashing.archiveBefore(NOW.minus(Duration.ofDays(7)))).isInstanceOf(Killed.class);

        // Between the kill and the rerun, reports already hold every row exactly once.
        assertThat(reports()).isEqualTo(before);

        archiver(16, LedgerArchiver.Checkpoint.NONE).archiveBefore(NOW.minus(Duration.ofDays(7)));

        long kept = events.stream().filter(e -> !e.time().isBefore(cutoff())).count();
        assertThat(stores.ledger().count()).isEqualTo(kept);
        assertThat(new ArchiveCatalog(db).all()).hasSize(53).allMatch(ArchiveFile::complete);
        assertThat(reports()).isEqualTo(before);
    }

    @Test
    void budgetAndAlertWindowsReachingBeforeKeepRowsReadRollupsNotRowsThatAreGone() throws Exception {
        Instant baselineFrom = NOW.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(14)); // a 14-day baseline
        Instant lifetimeFrom = Instant.EPOCH;
        Instant end = NOW.truncatedTo(ChronoUnit.HOURS);
        List<SpendRow> lifetimeByCustomer = stores.ledger().spend(new SpendQuery(dims(Dimension.CUSTOMER), lifetimeFrom, end));
        List<BigDecimal> windows = stores.ledgerStats().costs(List.of(new TimeRange(baselineFrom, end),
                new TimeRange(lifetimeFrom, end)));

        archiver(500, LedgerArchiver.Checkpoint.NONE).archiveBefore(NOW.minus(Duration.ofDays(7)));
        // Even with the archives gone from disk, whole-hour windows come from the roll-ups, which are never archived.
        try (var files = java.nio.file.Files.walk(dir.resolve("archive"))) {
            for (Path p : files.filter(p -> p.toString().endsWith(".parquet")).toList()) {
                java.nio.file.Files.delete(p);
            }
        }

        assertThat(stores.ledger().spend(new SpendQuery(dims(Dimension.CUSTOMER), lifetimeFrom, end))).isEqualTo(lifetimeByCustomer);
        assertThat(stores.ledgerStats().costs(List.of(new TimeRange(baselineFrom, end), new TimeRange(lifetimeFrom, end))))
                .isEqualTo(windows);
        assertThat(windows.get(1)).isEqualByComparingTo(events.stream().filter(e -> e.time().isBefore(end))
                .map(e -> e.charge().costUsd()).reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    @Test
    void onlyOneArchiverRunsAtATimeAndAStaleLeaseRunsOut() {
        ArchiveCatalog catalog = new ArchiveCatalog(db);
        long now = SpendReader.micros(Instant.now());
        assertThat(catalog.lease("another replica", now, now + 60_000_000L)).isTrue();

        assertThatThrownBy(() -> archiver(500, LedgerArchiver.Checkpoint.NONE).archiveBefore(NOW.minus(Duration.ofDays(7))))
                .isInstanceOf(LedgerException.class).hasMessageContaining("another archive run is in progress");
        assertThat(stores.ledger().count()).isEqualTo(EVENTS);

        // A holder killed with its lease held: once the lease runs out, the next run goes ahead.
        assertThat(catalog.lease("another replica", now - 120_000_000L, now - 60_000_000L)).isTrue();
        assertThat(archiver(500, LedgerArchiver.Checkpoint.NONE).archiveBefore(NOW.minus(Duration.ofDays(7))).files()).hasSize(53);
    }

    static final class Killed extends Error {
    }

    /** Every report a user would compare: spend by several groupings (roll-ups and raw rows), the export, alert windows. */
    Map<String, Object> reports() {
        Instant from = T0.minus(Duration.ofDays(1));
        Instant to = NOW.plus(Duration.ofDays(1));
        Instant oddFrom = T0.plusSeconds(3 * 86400 + 1033);
        Instant oddTo = NOW.minusSeconds(3 * 86400 + 555);
        Map<String, Object> out = new LinkedHashMap<>();
        for (List<Dimension> g : List.of(dims(), dims(Dimension.CUSTOMER), dims(Dimension.MODEL, Dimension.DAY),
                dims(Dimension.USER), dims(Dimension.STATUS, Dimension.CACHE), dims(Dimension.HOUR, Dimension.FEATURE))) {
            out.put("all " + g, stores.ledger().spend(new SpendQuery(g, from, to)));
            out.put("odd " + g, stores.ledger().spend(new SpendQuery(g, oddFrom, oddTo)));
        }
        out.put("export", exportText(from, to));
        out.put("export odd", exportText(oddFrom, oddTo));
        LedgerStats stats = stores.ledgerStats();
        out.put("windows", stats.costs(List.of(new TimeRange(oddFrom, oddTo), new TimeRange(from, to))));
        out.put("attempts", stats.attempts(new TimeRange(oddFrom, oddTo)));
        java.util.Set<String> requests = new HashSet<>(events.stream().map(UsageEvent::requestId).toList());
        out.put("answered calls (replay)", new java.util.TreeMap<>(new AnsweredCallReader(db).answered(from, to, requests)));
        return out;
    }

    String exportText(Instant from, Instant to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        stores.ledger().export(new ExportQuery(from, to, 0), ExportFormat.JSONL, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    List<String> exportIds() {
        String text = exportText(T0.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)));
        List<String> ids = Arrays.stream(text.split("\n")).filter(l -> !l.isBlank())
                .map(l -> l.substring(l.indexOf("\"event_id\":\"") + 12, l.indexOf('"', l.indexOf("\"event_id\":\"") + 12)))
                .toList();
        assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
        return ids;
    }

    BigDecimal total() {
        return stores.ledger().spend(new SpendQuery(List.of(), T0.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1))))
                .getFirst().costUsd();
    }

    static BigDecimal totalOf(List<UsageEvent> events) {
        return events.stream().map(e -> e.charge().costUsd()).reduce(Money.ZERO, BigDecimal::add);
    }
}
