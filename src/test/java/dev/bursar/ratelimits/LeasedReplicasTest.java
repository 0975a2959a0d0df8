package dev.bursar.ratelimits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bursar.config.RateLimitConfig;
import dev.bursar.config.RedisConfig;
import dev.bursar.controls.Permit;
import dev.bursar.controls.SpendRefused;
import dev.bursar.controls.SpendRefused.Reason.RateLimited;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Two replicas, each a {@link LeasedRateLimiter} with its own connection, sharing counters under one key prefix. */
class LeasedReplicasTest {

    static final String PREFIX = RedisKeys.randomPrefix("replicas");

    private final MovableClock clock = new MovableClock(RateLimiterContractTest.START);
    private final String prefix = PREFIX + ":" + UUID.randomUUID().toString().substring(0, 8);

    @AfterAll
    static void deleteKeys() {
        assertThat(RedisKeys.deleteAll(PREFIX)).isZero();
    }

    private RateLimitControl replica(RateLimitConfig rule) {
        return new RateLimitControl(List.of(rule),
                new LeasedRateLimiter(new RedisRateLimiter(new RedisConfig(RedisKeys.URL, prefix), false), clock), clock);
    }

    /** What a run of calls got: admitted, refused, and the tokens the admitted ones settled with. */
    record Outcome(int admitted, int refused, long usedTokens) {
    }

    @Test
    void under_concurrent_load_over_twelve_slots_no_limit_is_crossed_and_redis_ends_with_exactly_what_was_used() throws Exception {
        RateLimitConfig rule = new RateLimitConfig("key", "*", 2_000, 45_000);
        Outcome outcome;
        try (RateLimitControl a = replica(rule); RateLimitControl b = replica(rule)) {
            outcome = run(List.of(a, b), 6_000, 500);
        }

        assertThat(outcome.admitted()).as("one window: every slot of the run still counts").isLessThanOrEqualTo(2_000);
        assertThat(outcome.usedTokens()).isLessThanOrEqualTo(45_000);
        assertThat(outcome.refused()).as("the limits were reached").isPositive();
        assertThat(RedisKeys.totals(prefix, "key:shared"))
                .as("chunks given back on close: Redis counts what was admitted and the tokens settled")
                .containsExactly(outcome.admitted(), outcome.usedTokens());
    }

    @Test
    void a_big_limit_is_reached_within_one_eighth_across_replicas_and_never_crossed() throws Exception {
        RateLimitConfig rule = new RateLimitConfig("key", "*", 1_000, null);
        Outcome outcome;
        try (RateLimitControl a = replica(rule); RateLimitControl b = replica(rule)) {
            outcome = run(List.of(a, b), 3_000, Integer.MAX_VALUE);
        }

        assertThat(outcome.admitted()).isLessThanOrEqualTo(1_000).isGreaterThanOrEqualTo(1_000 - 1_000 / 8);
        assertThat(RedisKeys.totals(prefix, "key:shared")[0]).isEqualTo(outcome.admitted());
    }

    @Test
    void near_a_small_limit_two_replicas_admit_exactly_the_limit_and_refuse_the_next_with_a_retry_after() throws Exception {
        RateLimitConfig rule = new RateLimitConfig("key", "*", 20, null);
        try (RateLimitControl a = replica(rule); RateLimitControl b = replica(rule)) {
            Outcome outcome = run(List.of(a, b), 200, Integer.MAX_VALUE);

            RateLimited refused = RateLimiterContractTest.refusal(b, RateLimiterContractTest.call("shared"));

            assertThat(outcome.admitted()).isEqualTo(20);
            assertThat(refused.kind()).isEqualTo("requests");
            assertThat(refused.retryAfterMillis()).isPositive().isLessThanOrEqualTo(61_000);
            assertThat(refused.status().remainingRequests()).isZero();
            assertThat(RedisKeys.totals(prefix, "key:shared")[0]).isEqualTo(20);
        }
    }

    /**
     * Admits and settles {@code calls} times from virtual threads, round-robin over the replicas, moving the clock a
     * second on every {@code callsPerSlot}. Calls reserve 30 tokens and settle with 0 to 30.
     */
    private Outcome run(List<RateLimitControl> replicas, int calls, int callsPerSlot) throws Exception {
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicLong used = new AtomicLong();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                if (i > 0 && i % callsPerSlot == 0) {
                    clock.advance(Duration.ofSeconds(1));
                }
                RateLimitControl replica = replicas.get(i % replicas.size());
                done.add(threads.submit(() -> {
                    try {
                        Permit permit = replica.admit(RateLimiterContractTest.call("shared", null, 10, 20));
                        long actual = ThreadLocalRandom.current().nextLong(31);
                        replica.settle(permit, BigDecimal.ZERO, actual);
                        admitted.incrementAndGet();
                        used.addAndGet(actual);
                    } catch (SpendRefused e) {
                        assertThat(e.reason()).isInstanceOf(RateLimited.class);
                        refused.incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        return new Outcome(admitted.get(), refused.get(), used.get());
    }
}
