package dev.bursar.ratelimits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bursar.config.RateLimitConfig;
import dev.bursar.config.RedisConfig;
import dev.bursar.controls.Permit;
import dev.bursar.controls.RateLimitStatus;
import dev.bursar.controls.SpendRefused;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The whole contract with chunks leased from the Redis at 127.0.0.1:6379, and what leasing adds; keys deleted after. */
class LeasedRateLimiterTest extends RateLimiterContractTest {

    static final String PREFIX = RedisKeys.randomPrefix("leased");
    /** Nothing listens on port 1. */
    static final String DEAD_URL = "redis://127.0.0.1:1";

    private final List<RateLimiter> opened = new ArrayList<>();
    private final String testPrefix = PREFIX + ":" + UUID.randomUUID().toString().substring(0, 8);

    /** Fails closed: an outage during a test must show as an error, not as calls let through uncounted. */
    @Override
    protected RateLimiter newLimiter() {
        return leased(RedisKeys.URL, false);
    }

    private LeasedRateLimiter leased(String url, boolean failOpen) {
        LeasedRateLimiter limiter = new LeasedRateLimiter(new RedisRateLimiter(new RedisConfig(url, testPrefix), failOpen), clock);
        opened.add(limiter);
        return limiter;
    }

    @AfterEach
    void closeLimiters() {
        opened.forEach(RateLimiter::close);
    }

    @AfterAll
    static void deleteKeys() {
        assertThat(RedisKeys.deleteAll(PREFIX)).isZero();
    }

    @Test
    void once_chunks_are_held_a_thousand_calls_in_one_slot_cost_fewer_than_fifty_script_calls() {
        LeasedRateLimiter limiter = leased(RedisKeys.URL, false);
        try (RateLimitControl control = new RateLimitControl(
                List.of(new RateLimitConfig("key", "*", 1_000_000, 1_000_000_000)), limiter, clock)) {
            long settled = 0;
            Permit last = null;
            for (int i = 0; i < 1000; i++) {
                last = control.admit(call("k1", null, 100, 100));
                if (i < 999) {
                    control.settle(last, BigDecimal.ZERO, 50 + i % 100);
                    settled += 50 + i % 100;
                }
            }

            assertThat(limiter.scriptCalls()).as("admissions, leases and corrections sent to Redis").isLessThan(50);
            assertThat(last.rateLimits().remainingRequests())
                    .as("Redis's total at the last grant minus what this replica holds unused").isEqualTo(1_000_000 - 1000);
            assertThat(last.rateLimits().remainingTokens()).isEqualTo(1_000_000_000 - settled - 200);
        }
    }

    @Test
    void a_chunk_counts_in_redis_when_granted_and_what_it_left_goes_back_to_its_slot_when_the_slot_ends() throws Exception {
        try (RateLimitControl control = new RateLimitControl(
                List.of(new RateLimitConfig("key", "*", 10_000, 100_000)), leased(RedisKeys.URL, false), clock)) {
            control.admit(call("k1", null, 10, 10));
            assertThat(RedisKeys.eventually(() -> RedisKeys.totals(testPrefix, "key:k1")[0] == 1 + 16))
                    .as("the first call, per call, then a chunk of 16 calls of 20 tokens").isTrue();
            Permit fromChunk = control.admit(call("k1", null, 10, 10));
            control.settle(fromChunk, BigDecimal.ZERO, 5);
            Permit next = control.admit(call("k1", null, 10, 10));

            assertThat(RedisKeys.totals(testPrefix, "key:k1")).containsExactly(17, 20 + 16 * 20);
            assertThat(next.rateLimits().remainingRequests()).isEqualTo(10_000 - 3);
            assertThat(next.rateLimits().remainingTokens()).isEqualTo(100_000 - 20 - 5 - 20);
            clock.advance(Duration.ofSeconds(1));
            assertThat(RedisKeys.eventually(() -> RedisKeys.totals(testPrefix, "key:k1")[0] == 3))
                    .as("14 unused calls given back").isTrue();
            assertThat(RedisKeys.totals(testPrefix, "key:k1")).containsExactly(3, 20 + 5 + 20);
        }
    }

    @Test
    void close_gives_back_what_chunks_left_unused() throws Exception {
        LeasedRateLimiter limiter = leased(RedisKeys.URL, false);
        RateLimitControl control = new RateLimitControl(List.of(new RateLimitConfig("customer", "*", 10_000, null)), limiter, clock);
        control.admit(call("k1", "acme", 10, 10));
        assertThat(RedisKeys.eventually(() -> RedisKeys.totals(testPrefix, "customer:acme")[0] == 17)).isTrue();
        control.admit(call("k1", "acme", 10, 10));

        control.close();

        assertThat(RedisKeys.totals(testPrefix, "customer:acme")).containsExactly(2, 40);
    }

    @Test
    void when_redis_is_down_calls_pass_uncounted_when_failing_open() {
        try (RateLimitControl control = new RateLimitControl(
                List.of(new RateLimitConfig("key", "*", 1, null)), leased(DEAD_URL, true), clock)) {
            for (int i = 0; i < 5; i++) {
                assertThat(control.admit(call("k1")).rateLimits()).isEqualTo(RateLimitStatus.NONE);
            }
        }
    }

    @Test
    void when_redis_is_down_and_failing_closed_calls_are_refused_with_what_to_fix() {
        try (RateLimitControl control = new RateLimitControl(
                List.of(new RateLimitConfig("key", "*", 100, null)), leased(DEAD_URL, false), clock)) {
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> control.admit(call("k1")))
                        .isInstanceOf(SpendRefused.class)
                        .hasMessageContaining("Redis is unreachable")
                        .extracting(e -> ((SpendRefused) e).reason())
                        .isInstanceOf(SpendRefused.Reason.StoreUnavailable.class);
            }
        }
    }
}
