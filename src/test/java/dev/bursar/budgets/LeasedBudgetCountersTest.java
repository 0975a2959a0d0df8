package dev.bursar.budgets;

import static dev.bursar.budgets.Budgets.hard;
import static dev.bursar.budgets.Budgets.key;
import static dev.bursar.budgets.Budgets.soft;
import static dev.bursar.budgets.Budgets.usd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bursar.config.BudgetConfig;
import dev.bursar.testing.Await;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The counters contract with leases renewed in the background (as the gateway runs them), against the real Redis at
 * 127.0.0.1:6379, plus what leases promise: calls admitted without Redis, spend booked exactly, no overshoot across
 * replicas, and room held in leases given back to a call of another replica that needs it.
 */
class LeasedBudgetCountersTest extends BudgetCountersContractTest {

    private final TestRedis redis = new TestRedis();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @Override
    protected BudgetCounters newCounters(StartingSpend starting, Clock clock, Duration ttl) {
        return new LeasedBudgetCounters(new RedisBudgetCounters(redis.config, starting, clock, ttl), clock, true);
    }

    /** A replica's counters whose leases this test renews by hand ({@link LeasedBudgetCounters#renewAll}). */
    private LeasedBudgetCounters steppedReplica() {
        LeasedBudgetCounters c = new LeasedBudgetCounters(
                new RedisBudgetCounters(redis.config, StartingSpend.none(), clock, Duration.ofMinutes(15)), clock, false);
        opened.add(c);
        return c;
    }

    private LeasedBudgetCounters replica() {
        LeasedBudgetCounters c = (LeasedBudgetCounters) newCounters(StartingSpend.none(), clock, Duration.ofMinutes(15));
        opened.add(c);
        return c;
    }

    @AfterEach
    void closeAndDeleteKeys() throws Exception {
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
        redis.close();
    }

    private static Reservation held(ReserveResult r) {
        assertThat(r).isInstanceOf(ReserveResult.Reserved.class);
        return ((ReserveResult.Reserved) r).reservation();
    }

    @Test
    void onceALeaseHoldsRoomCallsAreAdmittedFromItAndTheirSpendIsBookedExactly() {
        LeasedBudgetCounters c = steppedReplica();
        BudgetKey acme = key(hard("monthly", "customer", "*", "month", "1000"), "acme");
        Reservation first = held(c.reserve(List.of(acme), usd("0.25"), NOON)); // no lease yet: Redis takes it
        c.renewAll();                                                            // the lease gets room

        List<Reservation> fromLease = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            fromLease.add(held(c.reserve(List.of(acme), usd("0.25"), NOON)));
        }
        List<CompletableResult> settled = new ArrayList<>();
        for (int i = 0; i < fromLease.size(); i++) {
            settled.add(new CompletableResult(c.settleLater(fromLease.get(i), usd("0.01000000" + i)).toCompletableFuture()));
        }
        c.settle(first, usd("0.1"));

        assertThat(first.id()).doesNotStartWith("lease-call:");
        assertThat(fromLease).allSatisfy(r -> assertThat(r.id()).startsWith("lease-call:"));
        assertThat(settled).noneMatch(CompletableResult::done); // booked with the next renewal, not one by one
        c.renewAll();
        // each settle sees the spend just after its own call, in order: a threshold is crossed by exactly one of them
        BigDecimal expected = usd("0.1");
        for (int i = 0; i < settled.size(); i++) {
            expected = expected.add(usd("0.01000000" + i));
            assertThat(settled.get(i).totals().getFirst().spentUsd()).isEqualByComparingTo(expected);
        }
        WindowTotals t = c.totals(acme, NOON);
        assertThat(t.spentUsd()).isEqualByComparingTo(expected);
        assertThat(t.reservedUsd()).as("the lease's free room is not a call in flight").isEqualByComparingTo("0");
    }

    @Test
    void aSettleWithoutTotalsAnswersAtOnceAndItsSpendIsStillBookedExactly() {
        LeasedBudgetCounters c = steppedReplica();
        BudgetKey acme = key(hard("monthly", "customer", "*", "month", "1000"), "acme");
        c.settle(held(c.reserve(List.of(acme), usd("0.25"), NOON)), usd("0.2"));
        c.renewAll();

        Reservation r = held(c.reserve(List.of(acme), usd("0.25"), NOON));
        var answered = c.settleWithoutTotals(r, usd("0.000000001")).toCompletableFuture();

        assertThat(r.id()).startsWith("lease-call:");
        assertThat(answered).isCompletedWithValue(List.of());
        assertThat(c.totals(acme, NOON).spentUsd()).isEqualByComparingTo("0.200000001");
    }

    @Test
    void closingBooksWhatWasSettledAndGivesTheLeasedRoomBack() {
        LeasedBudgetCounters c = steppedReplica();
        BudgetKey acme = key(hard("daily", "customer", "*", "day", "100"), "acme");
        c.settle(held(c.reserve(List.of(acme), usd("0.5"), NOON)), usd("0.25"));
        c.renewAll();
        Reservation r = held(c.reserve(List.of(acme), usd("0.5"), NOON));
        c.settleLater(r, usd("0.125"));
        assertThat(r.id()).startsWith("lease-call:");

        c.close();

        try (RedisBudgetCounters other = new RedisBudgetCounters(redis.config, StartingSpend.none(), clock, Duration.ofMinutes(15))) {
            WindowTotals t = other.totals(acme, NOON);
            assertThat(t.spentUsd()).isEqualByComparingTo("0.375");
            assertThat(t.reservedUsd()).isEqualByComparingTo("0");
            // the whole limit is free again for another replica: no lease holds any of it
            assertThat(other.reserve(List.of(acme), usd("99.625"), NOON)).isInstanceOf(ReserveResult.Reserved.class);
        }
    }

    @Test
    void theControlAdmitsAtOnceOnlyWhatALeaseHoldsRoomFor() {
        LeasedBudgetCounters c = steppedReplica();
        BudgetConfig monthly = hard("monthly", "customer", "*", "month", "1000");
        BudgetControl control = new BudgetControl(new BudgetBook(List.of(monthly), new InMemoryBudgetStore(), Duration.ofHours(1)),
                c, new RecordingEvents(), clock);

        assertThat(control.admitAtOnce(Budgets.call("acme", "0.25", NOON))).as("no lease yet").isNull();
        control.settle(control.admit(Budgets.call("acme", "0.25", NOON)), usd("0.1"), 10);
        c.renewAll();
        dev.bursar.controls.Permit atOnce = control.admitAtOnce(Budgets.call("acme", "0.25", NOON));
        control.settle(atOnce, usd("0.2"), 10);

        assertThat(atOnce).isNotNull();
        assertThat(atOnce.id()).startsWith("lease-call:");
        assertThat(control.admitAtOnce(Budgets.call("acme", "999", NOON))).as("more than the lease holds").isNull();
        assertThat(c.totals(key(monthly, "acme"), NOON).spentUsd()).isEqualByComparingTo("0.3");
    }

    @Test
    void softBudgetsAreCountedThroughLeasesToo() {
        LeasedBudgetCounters c = steppedReplica();
        BudgetKey watch = key(soft("watch", "customer", "*", "day", "1"), "acme");
        c.settle(held(c.reserve(List.of(watch), usd("5"), NOON)), usd("3"));
        c.renewAll();

        Reservation r = held(c.reserve(List.of(watch), usd("5"), NOON));
        c.settle(r, usd("2"));

        assertThat(r.id()).startsWith("lease-call:");
        assertThat(c.totals(watch, NOON).spentUsd()).isEqualByComparingTo("5");
    }

    @Test
    void aCallThatOnlyLacksRoomAnotherReplicaLeasedGetsItBackAndIsAdmitted() {
        LeasedBudgetCounters a = replica();
        LeasedBudgetCounters b = replica();
        BudgetKey acme = key(hard("daily", "customer", "*", "day", "10"), "acme");
        // a is busy with small calls (at most a few hundred cents in 2 s, well under the $10): its lease holds room
        Await.until("a's lease holds room", Duration.ofSeconds(2), () -> {
            a.settle(held(a.reserve(List.of(acme), usd("0.01"), NOON)), usd("0.01"));
            return leasedFree(a) > 0;
        });
        BigDecimal spent = a.totals(acme, NOON).spentUsd();
        BigDecimal needs = usd("10").subtract(spent).subtract(usd("0.005")); // fits only if a gives its room back

        ReserveResult r = b.reserve(List.of(acme), needs, NOON);

        assertThat(r).isInstanceOf(ReserveResult.Reserved.class);
    }

    @Test
    void twoReplicasUnderLoadNeverCrossTheLimitAndRefuseOnlyWithoutRoom() throws Exception {
        LeasedBudgetCounters[] replicas = {replica(), replica()};
        BudgetKey acme = key(hard("daily", "customer", "*", "day", "20"), "acme");
        ConcurrentLinkedQueue<BigDecimal> spentByCalls = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<BudgetRefusal> refusals = new ConcurrentLinkedQueue<>();
        AtomicInteger fromLeases = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 64; t++) {
                LeasedBudgetCounters c = replicas[t % 2];
                Random random = new Random(t);
                pool.submit(() -> {
                    try {
                        go.await();
                        for (int i = 0; i < 60; i++) {
                            BigDecimal worst = BigDecimal.valueOf(1 + random.nextInt(200), 3); // $0.001 .. $0.200
                            ReserveResult result = c.reserve(List.of(acme), worst, NOON);
                            if (result instanceof ReserveResult.Reserved held) {
                                fromLeases.addAndGet(held.reservation().id().startsWith("lease-call:") ? 1 : 0);
                                BigDecimal actual = worst.multiply(BigDecimal.valueOf(random.nextInt(101), 2));
                                c.settleLater(held.reservation(), actual); // as the gateway settles: not waited for
                                spentByCalls.add(actual);
                            } else {
                                refusals.add(((ReserveResult.Refused) result).refusal());
                            }
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                    return null;
                });
            }
            go.countDown();
        }

        assertThat(failure.get()).isNull();
        BigDecimal spent = spentByCalls.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(spent).as("settled spend").isLessThanOrEqualTo(usd("20"));
        assertThat(refusals).as("the budget allows only part of the calls").isNotEmpty();
        assertThat(refusals).allSatisfy(no -> assertThat(no.availableUsd()).as("room when refused").isLessThan(no.amountUsd()));
        assertThat(fromLeases.get()).as("calls admitted from leases").isPositive();
        assertThat(bookedAfterBoth(replicas, acme)).as("Redis booked every settle exactly once").isEqualByComparingTo(spent);
    }

    /** Books both replicas' spend, then reads Redis. */
    private static BigDecimal bookedAfterBoth(LeasedBudgetCounters[] replicas, BudgetKey key) {
        replicas[1].totals(key, NOON);
        return replicas[0].totals(key, NOON).spentUsd();
    }

    private static long leasedFree(LeasedBudgetCounters c) {
        return c.leases().stream().mapToLong(l -> l.active ? l.size - l.inFlight - l.unbooked : 0).sum();
    }

    /** A settle stage, read once it completed. */
    private record CompletableResult(java.util.concurrent.CompletableFuture<List<WindowTotals>> stage) {
        boolean done() {
            return stage.isDone();
        }

        List<WindowTotals> totals() {
            return stage.join();
        }
    }
}
