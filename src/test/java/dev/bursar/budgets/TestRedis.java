package dev.bursar.budgets;

import dev.bursar.config.RedisConfig;
import java.util.UUID;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** The real Redis at 127.0.0.1:6379 under a random key prefix, whose keys are deleted at the end. */
final class TestRedis implements AutoCloseable {
    static final String URL = "redis://127.0.0.1:6379";

    final RedisConfig config = new RedisConfig(URL, "test-budgets-" + UUID.randomUUID());

    /** Deletes every key under the prefix. */
    @Override
    public void close() {
        try (JedisPooled redis = new JedisPooled(URL)) {
            String cursor = ScanParams.SCAN_POINTER_START;
            ScanParams match = new ScanParams().match(config.keyPrefix() + ":*").count(1000);
            do {
                ScanResult<String> page = redis.scan(cursor, match);
                if (!page.getResult().isEmpty()) {
                    redis.del(page.getResult().toArray(String[]::new));
                }
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
    }

    long keyCount() {
        try (JedisPooled redis = new JedisPooled(URL)) {
            return redis.keys(config.keyPrefix() + ":*").size();
        }
    }
}
