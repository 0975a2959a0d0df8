package dev.bursar.budgets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bursar.config.BudgetConfig;
import dev.bursar.controls.Permit;
import dev.bursar.controls.SpendRefused;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 200 calls for 20 customers race through two gateway replicas at once; each customer's day budget admits only part
 * of them. No customer may end above its limit, and every refusal must have been deserved by the numbers it reported.
 */
class BudgetRaceTest {

    enum Backend { IN_PROCESS, REDIS }

    private static final int CUSTOMERS = 20;
    private static final int CALLS = 200;
    private static final BigDecimal LIMIT = new BigDecimal("1.00");
    private static final BudgetConfig PER_CUSTOMER = Budgets.hard("per-customer", "customer", "*", "day", "1.00");

    private record Call(String customer, BigDecimal worstCase, BigDecimal actual) {
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void concurrentAdmitsNeverOvershootACustomersBudget(Backend backend) throws Exception {
        try (TestRedis redis = new TestRedis()) {
            Instant now = Instant.now();
            List<BudgetControl> replicas = replicas(backend, redis);
            List<Call> calls = calls(new Random(7));
            Map<String, BigDecimal> settled = new ConcurrentHashMap<>();
            Queue<String> wrongRefusals = new ConcurrentLinkedQueue<>();
            AtomicInteger admitted = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);

            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < calls.size(); i++) {
                    Call call = calls.get(i);
                    BudgetControl replica = replicas.get(i % 2);
                    done.add(threads.submit(() -> {
                        start.await();
                        try {
                            Permit p = replica.admit(Budgets.call(call.customer(), call.worstCase().toPlainString(), now));
                            admitted.incrementAndGet();
                            Thread.sleep(1 + call.actual().unscaledValue().intValue() % 5); // the provider call
                            replica.settle(p, call.actual(), 100);
                            settled.merge(call.customer(), call.actual(), BigDecimal::add);
                        } catch (SpendRefused e) {
                            refused.incrementAndGet();
                            checkDeserved(e, call, wrongRefusals);
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : done) {
                    f.get();
                }
            }

            assertThat(wrongRefusals).isEmpty();
            assertThat(admitted.get() + refused.get()).isEqualTo(CALLS);
            assertThat(admitted.get()).isGreaterThan(CUSTOMERS);
            assertThat(refused.get()).isGreaterThan(CUSTOMERS);
            for (int c = 0; c < CUSTOMERS; c++) {
                String customer = "cust-" + c;
                BigDecimal spent = settled.getOrDefault(customer, BigDecimal.ZERO);
                assertThat(spent).as(customer).isLessThanOrEqualTo(LIMIT);
                BudgetStatus t = replicas.getFirst().status().stream()
                        .filter(s -> s.value().equals(customer)).findFirst().orElseThrow();
                assertThat(t.spentUsd()).as(customer + " counted").isEqualByComparingTo(spent);
                assertThat(t.reservedUsd()).as(customer + " still reserved").isEqualByComparingTo("0");
            }
            replicas.forEach(BudgetControl::close);
        }
    }

    /** A refusal is deserved when what was free (limit - spent - reserved, as reported) was less than the worst case. */
    private static void checkDeserved(SpendRefused e, Call call, Queue<String> wrong) {
        if (!(e.reason() instanceof SpendRefused.Reason.BudgetExceeded b)) {
            wrong.add(call + ": unexpected reason " + e.reason());
            return;
        }
        BigDecimal free = b.limitUsd().subtract(b.spentUsd()).subtract(b.reservedUsd());
        if (free.compareTo(b.worstCaseUsd()) >= 0 || b.worstCaseUsd().compareTo(call.worstCase()) != 0
                || !b.match().equals(call.customer()) || b.limitUsd().compareTo(LIMIT) != 0
                || b.spentUsd().signum() < 0 || b.reservedUsd().signum() < 0 || b.resetsAt() == null) {
            wrong.add(call + ": refused with " + b);
        }
    }

    /** 10 calls per customer, worst case $0.15-$0.35, actual 10%-100% of it: about 2.5 budgets' worth each. */
    private static List<Call> calls(Random r) {
        List<Call> out = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            BigDecimal worst = BigDecimal.valueOf(150_000 + r.nextInt(200_001), 6);
            BigDecimal share = BigDecimal.valueOf(10 + r.nextInt(91), 2);
            out.add(new Call("cust-" + (i % CUSTOMERS), worst, worst.multiply(share).setScale(6, RoundingMode.FLOOR)));
        }
        return out;
    }

    /** Two replicas: for Redis, two counters with their own connection pools on one key prefix. */
    private static List<BudgetControl> replicas(Backend backend, TestRedis redis) {
        List<BudgetControl> out = new ArrayList<>();
        InProcessBudgetCounters shared = new InProcessBudgetCounters(StartingSpend.none());
        for (int i = 0; i < 2; i++) {
            BudgetCounters counters = switch (backend) {
                case IN_PROCESS -> shared;
                case REDIS -> new RedisBudgetCounters(redis.config, StartingSpend.none(), Clock.systemUTC(), Duration.ofMinutes(15));
            };
            BudgetBook book = new BudgetBook(List.of(PER_CUSTOMER), new InMemoryBudgetStore());
            out.add(new BudgetControl(book, counters, BudgetEvents.none()));
        }
        return out;
    }
}
