package dev.bursar.ratelimits;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** The test Redis at 127.0.0.1:6379: random key prefixes, reading counters directly, and deleting them afterwards. */
final class RedisKeys {

    static final String URL = "redis://127.0.0.1:6379";

    private RedisKeys() {
    }

    static String randomPrefix(String what) {
        return "bursar-test-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static UnifiedJedis client() {
        return RedisClient.create(URI.create(URL));
    }

    /** R and T of a counter hash: requests and tokens counted in its live slots. */
    static long[] totals(String prefix, String counter) {
        try (UnifiedJedis redis = client()) {
            List<String> v = redis.hmget(prefix + ":rl:" + counter, "R", "T");
            return new long[] {v.get(0) == null ? 0 : Long.parseLong(v.get(0)), v.get(1) == null ? 0 : Long.parseLong(v.get(1))};
        }
    }

    /** Deletes every key under {@code prefix}; returns how many are left (none). */
    static int deleteAll(String prefix) {
        try (UnifiedJedis redis = client()) {
            keys(redis, prefix).forEach(redis::del);
            return keys(redis, prefix).size();
        }
    }

    static List<String> keys(UnifiedJedis redis, String prefix) {
        List<String> found = new ArrayList<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = redis.scan(cursor, new ScanParams().match(prefix + ":*").count(1000));
            found.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return found;
    }

    /** Waits up to two seconds for something background work makes true. */
    static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }
}
