package dev.bursar.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bursar.Stores;
import dev.bursar.storage.TestStorage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Ledger#latest}: the dashboard's request list, checked against a brute-force filter of the same rows. */
abstract class LatestRowsContractTest {

    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path dir;
    TestStorage testStorage;
    Stores storage;
    Ledger ledger;
    List<UsageEvent> events;

    protected abstract TestStorage newStorage(Path dir);

    @BeforeEach
    void open() {
        testStorage = newStorage(dir);
        storage = Stores.open(testStorage.config());
        ledger = storage.ledger();
        events = TestEvents.fixture(T0, 3, 400, 5);
        events.forEach(ledger::append);
    }

    @AfterEach
    void closeAll() {
        storage.close();
        testStorage.close();
    }

    private static LatestQuery query(String customer, String feature, String model, AttemptStatus status, Instant before, int limit) {
        return new LatestQuery(Optional.ofNullable(customer), Optional.ofNullable(feature), Optional.ofNullable(model),
                Optional.ofNullable(status), before, limit);
    }

    /** The expected ids: filter, newest first, at microsecond precision as stored. */
    private List<String> expected(Predicate<UsageEvent> keep, Instant before, int limit) {
        return events.stream().filter(e -> e.time().isBefore(before)).filter(keep)
                .sorted(Comparator.comparing((UsageEvent e) -> SpendReader.micros(e.time())).reversed()
                        .thenComparing(UsageEvent::eventId, Comparator.reverseOrder()))
                .limit(limit).map(UsageEvent::eventId).toList();
    }

    private static List<String> ids(List<UsageEvent> rows) {
        return rows.stream().map(UsageEvent::eventId).toList();
    }

    @Test
    void theNewestRowsComeFirstUpToTheLimit() {
        Instant end = T0.plusSeconds(4 * 86_400);
        assertThat(ids(ledger.latest(query(null, null, null, null, end, 50)))).isEqualTo(expected(e -> true, end, 50));
    }

    @Test
    void filtersCombineAndBeforePagesBack() {
        Instant before = T0.plusSeconds(2 * 86_400);
        List<UsageEvent> rows = ledger.latest(query("acme", "chat", "gpt-4o", AttemptStatus.OK, before, 500));

        assertThat(ids(rows)).isNotEmpty().isEqualTo(expected(e -> "acme".equals(e.attribution().customer())
                && "chat".equals(e.attribution().feature()) && "gpt-4o".equals(e.models().served())
                && e.outcome().status() == AttemptStatus.OK, before, 500));
        assertThat(rows.getFirst().charge().costUsd()).isEqualByComparingTo(events.stream()
                .filter(e -> e.eventId().equals(rows.getFirst().eventId())).findFirst().orElseThrow().charge().costUsd());
    }

    @Test
    void unattributedFindsRowsWithoutTheTag() {
        Instant end = T0.plusSeconds(4 * 86_400);
        assertThat(ids(ledger.latest(query(SpendRow.UNATTRIBUTED, null, null, AttemptStatus.ERROR, end, 500))))
                .isNotEmpty().isEqualTo(expected(e -> e.attribution().customer() == null
                        && e.outcome().status() == AttemptStatus.ERROR, end, 500));
    }

    @Test
    void aLimitOutsideOneToFiveHundredIsRefused() {
        assertThatThrownBy(() -> query(null, null, null, null, T0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> query(null, null, null, null, T0, 501)).isInstanceOf(IllegalArgumentException.class);
    }
}

class SqliteLatestRowsTest extends LatestRowsContractTest {
    @Override
    protected TestStorage newStorage(Path dir) {
        return TestStorage.sqlite(dir);
    }
}

/** Runs against the PostgreSQL server at 127.0.0.1:5432, in a random schema dropped after each test. */
class PostgresLatestRowsTest extends LatestRowsContractTest {
    @Override
    protected TestStorage newStorage(Path dir) {
        return TestStorage.postgres();
    }
}
