package dev.bursar.budgets;

import static dev.bursar.budgets.Budgets.hard;
import static dev.bursar.budgets.Budgets.key;
import static dev.bursar.budgets.Budgets.soft;
import static dev.bursar.budgets.Budgets.spend;
import static dev.bursar.budgets.Budgets.usd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bursar.testing.MutableClock;
import dev.bursar.Stores;
import dev.bursar.config.BudgetConfig;
import dev.bursar.storage.TestStorage;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link BudgetCounters} must do; run against the in-process and the Redis implementation. */
abstract class BudgetCountersContractTest {

    static final Instant NOON = Instant.parse("2026-03-10T12:00:00Z");
    static final BudgetConfig DAILY = hard("daily", "customer", "*", "day", "10");

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(NOON);
    private final List<AutoCloseable> open = new ArrayList<>();

    /** A counters instance; for Redis, every call in one test shares the test's key prefix (as replicas would). */
    protected abstract BudgetCounters newCounters(StartingSpend starting, Clock clock, Duration ttl);

    private BudgetCounters counters(StartingSpend starting) {
        BudgetCounters c = newCounters(starting, clock, Duration.ofMinutes(15));
        open.add(c);
        return c;
    }

    private BudgetCounters counters() {
        return counters(StartingSpend.none());
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private static Reservation held(ReserveResult r) {
        assertThat(r).isInstanceOf(ReserveResult.Reserved.class);
        return ((ReserveResult.Reserved) r).reservation();
    }

    private static BudgetRefusal refusal(ReserveResult r) {
        assertThat(r).isInstanceOf(ReserveResult.Refused.class);
        return ((ReserveResult.Refused) r).refusal();
    }

    @Test
    void aReservationIsHeldUntilSettledThenTheExactActualIsSpent() {
        BudgetCounters c = counters();
        BudgetKey acme = key(DAILY, "acme");

        Reservation r = held(c.reserve(List.of(acme), usd("3.000001"), NOON));
        WindowTotals during = c.totals(acme, NOON);
        List<WindowTotals> after = c.settle(r, usd("1.234567"));

        assertThat(during.reservedUsd()).isEqualByComparingTo("3.000001");
        assertThat(during.spentUsd()).isEqualByComparingTo("0");
        assertThat(after).singleElement().satisfies(t -> {
            assertThat(t.spentUsd()).isEqualByComparingTo("1.234567");
            assertThat(t.reservedUsd()).isEqualByComparingTo("0");
            assertThat(t.remainingUsd()).isEqualByComparingTo("8.765433");
            assertThat(t.window().start()).isEqualTo(Instant.parse("2026-03-10T00:00:00Z"));
        });
        assertThat(c.totals(acme, NOON).spentUsd()).isEqualByComparingTo("1.234567");
    }

    @Test
    void settlingMoreThanWasReservedIsRecordedInFull() {
        BudgetCounters c = counters();
        BudgetKey acme = key(DAILY, "acme");

        c.settle(held(c.reserve(List.of(acme), usd("1"), NOON)), usd("2.5"));

        assertThat(c.totals(acme, NOON).spentUsd()).isEqualByComparingTo("2.5");
        assertThat(c.totals(acme, NOON).reservedUsd()).isEqualByComparingTo("0");
    }

    @Test
    void releaseGivesTheReservationBackWithoutSpend() {
        BudgetCounters c = counters();
        BudgetKey acme = key(DAILY, "acme");

        c.release(held(c.reserve(List.of(acme), usd("9"), NOON)));

        assertThat(c.totals(acme, NOON).reservedUsd()).isEqualByComparingTo("0");
        assertThat(c.totals(acme, NOON).spentUsd()).isEqualByComparingTo("0");
        held(c.reserve(List.of(acme), usd("10"), NOON));
    }

    @Test
    void aReservationThatWouldCrossOneHardBudgetHoldsNothingOnAnyAndNamesThatBudget() {
        BudgetCounters c = counters();
        BudgetKey roomy = key(hard("roomy", "customer", "acme", "month", "100"), "acme");
        BudgetKey tight = key(hard("tight", "team", "core", "day", "2"), "core");
        c.settle(held(c.reserve(List.of(tight), usd("1"), NOON)), usd("1.5"));
        held(c.reserve(List.of(tight), usd("0.25"), NOON));

        BudgetRefusal no = refusal(c.reserve(List.of(roomy, tight), usd("0.5"), NOON));

        assertThat(no.key()).isEqualTo(tight);
        assertThat(no.spentUsd()).isEqualByComparingTo("1.5");
        assertThat(no.reservedUsd()).isEqualByComparingTo("0.25");
        assertThat(no.amountUsd()).isEqualByComparingTo("0.5");
        assertThat(no.window().end()).isEqualTo(Instant.parse("2026-03-11T00:00:00Z"));
        assertThat(c.totals(roomy, NOON).reservedUsd()).isEqualByComparingTo("0");
        assertThat(c.totals(tight, NOON).reservedUsd()).isEqualByComparingTo("0.25");
    }

    @Test
    void aReservationThatExactlyReachesTheLimitIsAllowed() {
        BudgetCounters c = counters();
        BudgetKey acme = key(DAILY, "acme");

        held(c.reserve(List.of(acme), usd("4"), NOON));
        held(c.reserve(List.of(acme), usd("6"), NOON));

        assertThat(refusal(c.reserve(List.of(acme), usd("0.000001"), NOON)).availableUsd()).isEqualByComparingTo("0");
    }

    @Test
    void softBudgetsCountReservationsAndSpendButNeverRefuse() {
        BudgetCounters c = counters();
        BudgetKey watch = key(soft("watch", "customer", "*", "day", "1"), "acme");

        Reservation r = held(c.reserve(List.of(watch), usd("5"), NOON));
        c.settle(r, usd("3"));
        held(c.reserve(List.of(watch), usd("5"), NOON));

        assertThat(c.totals(watch, NOON).spentUsd()).isEqualByComparingTo("3");
        assertThat(c.totals(watch, NOON).reservedUsd()).isEqualByComparingTo("5");
    }

    @Test
    void aForgottenReservationExpiresAfterItsTtlAndALateSettleStillCounts() {
        BudgetCounters c = counters();
        BudgetKey acme = key(DAILY, "acme");
        Reservation forgotten = held(c.reserve(List.of(acme), usd("8"), NOON));
        refusal(c.reserve(List.of(acme), usd("5"), NOON));

        clock.advance(Duration.ofMinutes(16));
        Reservation later = held(c.reserve(List.of(acme), usd("5"), NOON));
        c.settle(forgotten, usd("0.75"));

        WindowTotals t = c.totals(acme, NOON);
        assertThat(t.reservedUsd()).isEqualByComparingTo("5");
        assertThat(t.spentUsd()).isEqualByComparingTo("0.75");
        c.settle(later, usd("1"));
        assertThat(c.totals(acme, NOON).reservedUsd()).isEqualByComparingTo("0");
    }

    @Test
    void aNewCounterStartsFromTheLedgersSpendForItsValueAndWindowExactlyOnce() {
        try (TestStorage t = TestStorage.sqlite(dir); Stores s = Stores.open(t.config())) {
            s.ledger().append(spend("acme", "3.25", Instant.parse("2026-03-10T01:00:00Z")));
            s.ledger().append(spend("acme", "0.5", Instant.parse("2026-03-10T11:59:00Z")));
            s.ledger().append(spend("acme", "7", Instant.parse("2026-03-09T23:59:59Z")));  // yesterday
            s.ledger().append(spend("globex", "9", Instant.parse("2026-03-10T02:00:00Z"))); // another customer
            BudgetCounters c = counters(StartingSpend.fromLedger(s.ledger()));
            BudgetKey acme = key(DAILY, "acme");

            assertThat(c.totals(acme, NOON).spentUsd()).isEqualByComparingTo("3.75");
            s.ledger().append(spend("acme", "1", Instant.parse("2026-03-10T11:59:30Z")));
            BudgetRefusal no = refusal(c.reserve(List.of(acme), usd("6.5"), NOON));

            assertThat(no.spentUsd()).isEqualByComparingTo("3.75"); // started once: later ledger rows are counted by settles
        }
    }

    @Test
    void aNewDayStartsEmptyAndYesterdaysSpendStaysInYesterday() {
        BudgetCounters c = counters();
        BudgetKey acme = key(DAILY, "acme");
        c.settle(held(c.reserve(List.of(acme), usd("9"), NOON)), usd("9"));
        refusal(c.reserve(List.of(acme), usd("2"), NOON));

        Instant tomorrow = NOON.plus(Duration.ofDays(1));
        clock.set(tomorrow);
        held(c.reserve(List.of(acme), usd("10"), tomorrow));

        assertThat(c.totals(acme, tomorrow).spentUsd()).isEqualByComparingTo("0");
        assertThat(c.totals(acme, NOON).spentUsd()).isEqualByComparingTo("9");
    }

    @Test
    void aRollingWindowDropsSpendOnceItsHourLeavesTheWindow() {
        BudgetCounters c = counters();
        BudgetKey acme = key(hard("six-hours", "customer", "*", "rolling-6h", "10"), "acme");
        Instant t0 = Instant.parse("2026-03-10T08:10:00Z");
        c.settle(held(c.reserve(List.of(acme), usd("8"), t0)), usd("8"));

        Instant fiveHoursOn = Instant.parse("2026-03-10T13:59:00Z");
        Instant sixHoursOn = Instant.parse("2026-03-10T14:00:00Z");
        clock.set(fiveHoursOn);
        BudgetRefusal no = refusal(c.reserve(List.of(acme), usd("3"), fiveHoursOn));
        clock.set(sixHoursOn);
        Reservation yes = held(c.reserve(List.of(acme), usd("10"), sixHoursOn));

        assertThat(no.spentUsd()).isEqualByComparingTo("8");
        assertThat(no.window().end()).isEqualTo(sixHoursOn);
        assertThat(c.settle(yes, usd("2")).getFirst().spentUsd()).isEqualByComparingTo("2");
    }

    @Test
    void valuesSeenListsEachValueOfAStarBudgetInTheWindow() {
        BudgetCounters c = counters();
        for (String customer : List.of("acme", "globex", "acme:eu/1")) {
            held(c.reserve(List.of(key(DAILY, customer)), BigDecimal.ONE, NOON));
        }
        held(c.reserve(List.of(key(DAILY, "initech")), BigDecimal.ONE, NOON.plus(Duration.ofDays(1))));

        assertThat(c.valuesSeen(key(DAILY, "*"), NOON)).containsExactlyInAnyOrder("acme", "globex", "acme:eu/1");
    }
}
