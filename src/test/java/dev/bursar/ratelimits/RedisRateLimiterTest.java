package dev.bursar.ratelimits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bursar.config.RateLimitConfig;
import dev.bursar.config.RedisConfig;
import dev.bursar.controls.RateLimitStatus;
import dev.bursar.controls.SpendRefused;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/** Runs against the Redis server at 127.0.0.1:6379, under a random key prefix deleted afterwards. */
class RedisRateLimiterTest extends RateLimiterContractTest {

    static final String URL = RedisKeys.URL;
    static final String PREFIX = "bursar-test-" + UUID.randomUUID().toString().substring(0, 8);
    /** Nothing listens on port 1. */
    static final String DEAD_URL = "redis://127.0.0.1:1";

    private final List<RateLimiter> opened = new ArrayList<>();
    private final String testPrefix = PREFIX + ":" + UUID.randomUUID().toString().substring(0, 8);

    /** Fails closed: an outage during a test must show as an error, not as calls let through uncounted. */
    @Override
    protected RateLimiter newLimiter() {
        return open(new RedisRateLimiter(new RedisConfig(URL, testPrefix), false));
    }

    private RateLimiter open(RateLimiter limiter) {
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
    void two_replicas_with_their_own_pools_share_one_limit_under_two_hundred_concurrent_admits() throws Exception {
        RateLimitConfig rule = new RateLimitConfig("key", "*", 50, null);
        RedisConfig config = new RedisConfig(URL, testPrefix);
        try (RateLimitControl replicaA = new RateLimitControl(List.of(rule), open(new RedisRateLimiter(config, false)), clock);
             RateLimitControl replicaB = new RateLimitControl(List.of(rule), open(new RedisRateLimiter(config, false)), clock)) {
            assertThat(concurrentAdmits(List.of(replicaA, replicaB), 200)).isEqualTo(50);
        }
    }

    @Test
    void a_replica_whose_clock_is_behind_still_counts_against_the_shared_limit_and_settles_its_tokens() {
        RateLimitConfig rule = new RateLimitConfig("key", "*", 3, 1000);
        RedisConfig config = new RedisConfig(URL, testPrefix);
        MovableClock behind = new MovableClock(START.minusSeconds(5));
        try (RateLimitControl ahead = new RateLimitControl(List.of(rule), open(new RedisRateLimiter(config, false)), clock);
             RateLimitControl late = new RateLimitControl(List.of(rule), open(new RedisRateLimiter(config, false)), behind)) {
            ahead.admit(call("k1", null, 100, 100));
            var latePermit = late.admit(call("k1", null, 100, 100));
            late.settle(latePermit, java.math.BigDecimal.ZERO, 50);

            // The settle is sent without waiting: the third call goes through the same replica, whose connection
            // delivers it after the settle (another replica's connection could overtake it).
            var third = late.admit(call("k1", null, 100, 100));

            assertThat(third.rateLimits().remainingRequests()).isZero();
            assertThat(third.rateLimits().remainingTokens()).isEqualTo(1000 - 200 - 50 - 200);
            assertThat(refusal(ahead, call("k1")).kind()).isEqualTo("requests");
        }
    }

    @Test
    void counters_live_under_the_key_prefix_and_expire_after_their_window() {
        try (RateLimitControl control = control(new RateLimitConfig("customer", "*", 5, 100));
             UnifiedJedis redis = RedisClient.create(java.net.URI.create(URL))) {
            control.admit(call("k1", "acme", 10, 10));

            String key = testPrefix + ":rl:customer:acme";
            assertThat(Set.copyOf(RedisKeys.keys(redis, PREFIX))).contains(key);
            assertThat(redis.pttl(key)).isPositive().isLessThanOrEqualTo(SlidingWindow.TTL_MILLIS);
        }
    }

    @Test
    void when_redis_is_down_calls_pass_uncounted_by_default() {
        RedisRateLimiter limiter = (RedisRateLimiter) open(new RedisRateLimiter(new RedisConfig(DEAD_URL, testPrefix)));
        try (RateLimitControl control = new RateLimitControl(
                List.of(new RateLimitConfig("key", "*", 1, null)), limiter, clock)) {
            for (int i = 0; i < 5; i++) {
                assertThat(control.admit(call("k1")).rateLimits()).isEqualTo(RateLimitStatus.NONE);
            }
        }
    }

    @Test
    void when_redis_is_down_and_failing_closed_calls_are_refused_with_what_to_fix() {
        RedisRateLimiter limiter = (RedisRateLimiter) open(new RedisRateLimiter(new RedisConfig(DEAD_URL, testPrefix), false));
        try (RateLimitControl control = new RateLimitControl(
                List.of(new RateLimitConfig("key", "*", 100, null)), limiter, clock)) {
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> control.admit(call("k1")))
                        .isInstanceOf(SpendRefused.class)
                        .hasMessageContaining("Redis is unreachable")
                        .extracting(e -> ((SpendRefused) e).reason())
                        .isInstanceOf(SpendRefused.Reason.StoreUnavailable.class);
            }
        }
    }
}
