package dev.bursar.budgets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The contract against the real Redis at 127.0.0.1:6379, plus what only Redis has: key expiry and scripts. */
class RedisBudgetCountersTest extends BudgetCountersContractTest {

    private final TestRedis redis = new TestRedis();

    @Override
    protected BudgetCounters newCounters(StartingSpend starting, Clock clock, Duration ttl) {
        return new RedisBudgetCounters(redis.config, starting, clock, ttl);
    }

    @AfterEach
    void deleteKeys() {
        redis.close();
    }

    @Test
    void everyKeyLivesUnderThePrefixAndExpiresAfterItsWindow() {
        try (RedisBudgetCounters c = new RedisBudgetCounters(redis.config, StartingSpend.none(), clock, Duration.ofMinutes(15));
             redis.clients.jedis.JedisPooled raw = new redis.clients.jedis.JedisPooled(TestRedis.URL)) {
            c.reserve(List.of(Budgets.key(DAILY, "acme")), Budgets.usd("1"), NOON);

            var keys = raw.keys(redis.config.keyPrefix() + ":*");
            assertThat(keys).hasSize(3); // cell hash, its reservation expiries, values seen
            for (String k : keys) {
                // the day ends at midnight, 12 h after the test clock's noon, and counters stay a day longer
                assertThat(raw.pttl(k)).as(k).isBetween(Duration.ofHours(36).minusSeconds(30).toMillis(), Duration.ofHours(36).toMillis());
            }
        }
    }

    @Test
    void aFlushedScriptCacheIsReloaded() {
        try (RedisBudgetCounters c = new RedisBudgetCounters(redis.config, StartingSpend.none(), clock, Duration.ofMinutes(15));
             redis.clients.jedis.JedisPooled raw = new redis.clients.jedis.JedisPooled(TestRedis.URL)) {
            raw.scriptFlush();

            var r = c.reserve(List.of(Budgets.key(DAILY, "acme")), Budgets.usd("1"), NOON);

            assertThat(r).isInstanceOf(ReserveResult.Reserved.class);
        }
    }
}
