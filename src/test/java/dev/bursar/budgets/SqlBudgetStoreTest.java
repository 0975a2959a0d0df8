package dev.bursar.budgets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bursar.config.BudgetConfig;
import dev.bursar.storage.Database;
import dev.bursar.storage.Dialect;
import dev.bursar.storage.TestStorage;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Run-time budgets in SQLite and in PostgreSQL (127.0.0.1:5432, a random schema dropped after). */
class SqlBudgetStoreTest {

    @TempDir
    Path dir;

    private static final BudgetConfig ACME = new BudgetConfig("acme-monthly", "customer", "acme", "month", "Europe/Paris",
            new BigDecimal("100.000000000001"), List.of(new BigDecimal("0.5"), new BigDecimal("0.8"), BigDecimal.ONE),
            "hard", "open");

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aStoredBudgetReadsBackExactlyAsItWasSet(Dialect dialect) {
        try (TestStorage t = TestStorage.of(dialect, dir); Database db = t.database()) {
            SqlBudgetStore store = new SqlBudgetStore(db);

            store.set(ACME);

            assertThat(store.list()).containsExactly(ACME);
            assertThat(store.find("acme-monthly")).contains(ACME);
            assertThat(store.find("nope")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void settingABudgetOfTheSameNameReplacesIt(Dialect dialect) {
        try (TestStorage t = TestStorage.of(dialect, dir); Database db = t.database()) {
            SqlBudgetStore store = new SqlBudgetStore(db);
            BudgetConfig raised = new BudgetConfig("acme-monthly", "customer", "acme", "day", null, new BigDecimal("250"),
                    List.of(), "soft", null);
            BudgetConfig global = new BudgetConfig(null, "global", null, "rolling-6h", null, new BigDecimal("1000"),
                    List.of(), null, null);

            store.set(ACME);
            store.set(global);
            store.set(raised);

            assertThat(store.list()).containsExactly(raised, global);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void removingSaysWhetherThereWasSuchABudget(Dialect dialect) {
        try (TestStorage t = TestStorage.of(dialect, dir); Database db = t.database()) {
            SqlBudgetStore store = new SqlBudgetStore(db);
            store.set(ACME);

            boolean first = store.remove("acme-monthly");
            boolean second = store.remove("acme-monthly");

            assertThat(first).isTrue();
            assertThat(second).isFalse();
            assertThat(store.list()).isEmpty();
        }
    }
}
