package dev.bursar.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bursar.storage.Database;
import dev.bursar.storage.TestStorage;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite folds roll-ups after the rows' commit: rows a crash left unfolded must still be in every report. */
class RollupFolderTest {

    @TempDir
    Path dir;

    @Test
    void rows_committed_but_not_folded_are_in_the_next_report_exactly_once_and_months_split_like_the_java_buckets() {
        try (TestStorage storage = TestStorage.sqlite(dir)) {
            Database db = storage.database();
            List<UsageEvent> events = List.of(
                    TestEvents.simple("e1", Instant.parse("2026-10-31T23:59:59.999999Z"), "acme", "1.25"),
                    TestEvents.simple("e2", Instant.parse("2026-11-01T00:00:00Z"), "acme", "0.0000000001"),
                    TestEvents.simple("e3", Instant.parse("2026-11-15T12:30:00Z"), "globex", "2"));
            // What a crash between the rows' commit and their fold leaves: rows, no roll-ups.
            try (BatchWriter w = new BatchWriter(db)) {
                w.write(events.stream().map(EncodedEvent::of).toList());
            } catch (java.sql.SQLException e) {
                throw new AssertionError(e);
            }
            assertThat(rolledUpRequests(db)).isZero();

            SqlLedger ledger = new SqlLedger(db); // folds what it finds at start
            assertThat(rolledUpRequests(db)).as("hourly, daily and monthly: 3 rows each").isEqualTo(9);

            List<SpendRow> october = ledger.spend(new SpendQuery(List.of(Dimension.CUSTOMER),
                    Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-11-01T00:00:00Z")));
            List<SpendRow> november = ledger.spend(new SpendQuery(List.of(Dimension.CUSTOMER),
                    Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z")));
            assertThat(october).singleElement().satisfies(r -> assertThat(r.costUsd()).isEqualByComparingTo("1.25"));
            assertThat(november).hasSize(2);
            BigDecimal novemberTotal = november.stream().map(SpendRow::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(novemberTotal).isEqualByComparingTo("2.0000000001");
            assertThat(rolledUpRequests(db)).as("folding again adds nothing").isEqualTo(9);
            ledger.close();
        }
    }

    @Test
    void appended_rows_are_folded_before_any_report_reads_the_roll_ups() {
        try (TestStorage storage = TestStorage.sqlite(dir)) {
            SqlLedger ledger = new SqlLedger(storage.database());
            Instant t = Instant.parse("2026-11-20T10:00:00Z");
            for (int i = 0; i < 50; i++) {
                ledger.append(TestEvents.simple("a" + i, t.plusSeconds(i), "acme", "0.001"));
                List<SpendRow> rows = ledger.spend(new SpendQuery(List.of(), Instant.parse("2026-11-01T00:00:00Z"),
                        Instant.parse("2026-12-01T00:00:00Z")));
                assertThat(rows).singleElement().satisfies(r -> assertThat(r.requests()).isEqualTo(rowsSoFar(ledger)));
            }
            ledger.close();
        }
    }

    private static long rowsSoFar(SqlLedger ledger) {
        return ledger.count();
    }

    private static long rolledUpRequests(Database db) {
        return db.read(c -> {
            long n = 0;
            for (String table : List.of("spend_hourly", "spend_daily", "spend_monthly")) {
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT COALESCE(SUM(requests), 0) FROM " + table)) {
                    rs.next();
                    n += rs.getLong(1);
                }
            }
            return n;
        });
    }
}
