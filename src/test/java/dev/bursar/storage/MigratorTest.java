package dev.bursar.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MigratorTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void applyingTwiceIsANoOp(Dialect dialect) {
        try (TestStorage t = TestStorage.of(dialect, dir); Database db = Database.open(t.config())) {
            int latest = Migrator.scripts(dialect).getLast().version();

            int first = Migrator.migrate(db);
            int second = Migrator.migrate(db);

            assertThat(first).isEqualTo(Migrator.scripts(dialect).size());
            assertThat(second).isZero();
            assertThat(Migrator.currentVersion(db)).isEqualTo(latest);
            assertThat(db.<Long>read(c -> count(c.createStatement(), "SELECT COUNT(*) FROM schema_version")))
                    .isEqualTo((long) Migrator.scripts(dialect).size()); // versions may have gaps (one range per team)
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void refusesADatabaseNewerThanTheCode(Dialect dialect) {
        try (TestStorage t = TestStorage.of(dialect, dir); Database db = Database.open(t.config())) {
            Migrator.migrate(db);
            db.transaction(c -> c.createStatement().executeUpdate(
                    "INSERT INTO schema_version (version, name, applied_at) VALUES (999, 'future', 'x')"));

            assertThatThrownBy(() -> Migrator.migrate(db))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("schema version 999")
                    .hasMessageContaining("upgrade Bursar");
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void migratingTheConfiguredStorageCreatesAllTables(Dialect dialect) {
        try (TestStorage t = TestStorage.of(dialect, dir); Database db = t.database()) {
            for (String table : new String[] {"usage_events", "spend_hourly", "spend_daily", "virtual_keys"}) {
                assertThat(db.<Long>read(c -> count(c.createStatement(), "SELECT COUNT(*) FROM " + table))).isZero();
            }
            assertThat(db.describe()).startsWith(dialect.folder());
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void upgradingFillsTheMonthlyRollupFromDailyRowsAlreadyWritten(Dialect dialect) {
        try (TestStorage t = TestStorage.of(dialect, dir); Database db = Database.open(t.config())) {
            Migrator.migrate(db, 3);
            long mar2 = java.time.Instant.parse("2026-03-02T00:00:00Z").getEpochSecond() * 1_000_000L;
            long mar31 = java.time.Instant.parse("2026-03-31T00:00:00Z").getEpochSecond() * 1_000_000L;
            String cost = dialect == Dialect.SQLITE ? "37500000" : "0.0000375"; // picodollars on SQLite
            for (long day : new long[] {mar2, mar31}) {
                db.transaction(c -> c.createStatement().executeUpdate("INSERT INTO spend_daily VALUES (" + day
                        + ", 'k', 'acme', '', 'chat', '', '', 'gpt-4o', 'openai', 2, 3, 1, 10, 0, 0, 0, 5, 0, "
                        + cost + ", " + cost + ", 0)"));
            }

            Migrator.migrate(db);

            long mar1 = java.time.Instant.parse("2026-03-01T00:00:00Z").getEpochSecond() * 1_000_000L;
            String row = db.read(c -> {
                try (ResultSet rs = c.createStatement().executeQuery(
                        "SELECT bucket_micros, requests, attempts, input_tokens, cost FROM spend_monthly")) {
                    rs.next();
                    String r = rs.getLong(1) + " " + rs.getLong(2) + " " + rs.getLong(3) + " " + rs.getLong(4) + " "
                            + dialect.readMoney(rs, 5).stripTrailingZeros().toPlainString();
                    return rs.next() ? "more than one row" : r;
                }
            });
            assertThat(row).isEqualTo(mar1 + " 4 6 20 0.000075");
        }
    }

    @Test
    void sqliteCreatesItsFolderAndUsesWal() {
        Path file = dir.resolve("nested/bursar-data/bursar.db");
        try (Database db = Database.sqlite(file, "NORMAL")) {
            String mode = db.read(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertThat(mode).isEqualToIgnoringCase("wal");
            assertThat(file).exists();
        }
    }

    @Test
    void anUnknownSynchronousModeIsRefused() {
        assertThatThrownBy(() -> Database.sqlite(dir.resolve("x.db"), "OFF"))
                .hasMessageContaining("bursar.sqlite.synchronous must be NORMAL or FULL");
    }

    @Test
    void splitsScriptsAtStatementEnds() {
        assertThat(Migrator.statements("-- c\nCREATE TABLE a (x INT);\n\nCREATE INDEX i\n  ON a (x);\n"))
                .containsExactly("CREATE TABLE a (x INT)", "CREATE INDEX i\n  ON a (x)");
    }

    private static long count(Statement st, String sql) throws java.sql.SQLException {
        try (st; ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
