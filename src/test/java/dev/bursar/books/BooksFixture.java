package dev.bursar.books;

import dev.bursar.attribution.Attribution;
import dev.bursar.config.BursarConfig;
import dev.bursar.config.ConfigLoader;
import dev.bursar.ledger.AttemptStatus;
import dev.bursar.ledger.Endpoint;
import dev.bursar.ledger.SqlLedger;
import dev.bursar.ledger.UsageEvent;
import dev.bursar.pricing.Usage;
import dev.bursar.storage.Database;
import dev.bursar.storage.TestStorage;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** A SQLite ledger and books for a test: calls written as one-liners, the books opened from YAML. */
final class BooksFixture implements AutoCloseable {

    static final YearMonth DECEMBER = YearMonth.of(2026, 12);
    private static final AtomicLong IDS = new AtomicLong();

    final TestStorage storage;
    final Database db;
    final SqlLedger ledger;

    BooksFixture(Path dir) {
        storage = TestStorage.sqlite(dir);
        db = storage.database();
        ledger = new SqlLedger(db);
    }

    /** One call in December 2026 (day 1-28) of {@code customer} on {@code feature}, in production. */
    BooksFixture call(String customer, String feature, String model, long in, long out, String cost, boolean failed) {
        return call(customer, feature, "production", model, in, out, cost, failed);
    }

    BooksFixture call(String customer, String feature, String environment, String model, long in, long out, String cost,
                      boolean failed) {
        long id = IDS.incrementAndGet();
        Instant t = Period.start(DECEMBER).plusSeconds(3_600 * (id % (24 * 28)));
        AttemptStatus status = failed ? AttemptStatus.ERROR : AttemptStatus.OK;
        ledger.append(new UsageEvent("e" + id, "r" + id, t,
                new Attribution("key_1", customer, null, null, feature, environment, null),
                new UsageEvent.Models(model, model, model, "openai", "direct"),
                new UsageEvent.Call(Endpoint.CHAT, false, false, 1, "miss", null), Usage.of(in, out),
                new UsageEvent.Charge(new BigDecimal(cost), BigDecimal.ZERO, "p", false, null),
                new UsageEvent.Outcome(failed ? 502 : 200, status, failed ? "upstream_5xx" : null, 1_000, -1)));
        return this;
    }

    Books books(String yaml) {
        BursarConfig cfg = ConfigLoader.parse(yaml, Map.of(), "bursar.yaml");
        return new Books(db, ledger, cfg.costs(), cfg.plans(), cfg.customers(), Clock.systemUTC());
    }

    static MarginReport december(Books books, MarginGroup group, String target) {
        return books.margin(new Books.MarginQuery(Period.start(DECEMBER), Period.start(DECEMBER.plusMonths(1)), group,
                target == null ? null : new BigDecimal(target)));
    }

    static MarginRow row(MarginReport r, String key) {
        return r.rows().stream().filter(x -> x.key().equals(key)).findFirst().orElseThrow();
    }

    static List<String> keys(MarginReport r) {
        return r.rows().stream().map(MarginRow::key).toList();
    }

    @Override
    public void close() {
        ledger.close();
        db.close();
        storage.close();
    }
}
