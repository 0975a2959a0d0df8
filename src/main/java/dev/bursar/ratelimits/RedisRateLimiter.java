package dev.bursar.ratelimits;

import dev.bursar.config.RedisConfig;
import dev.bursar.controls.SpendRefused;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * Rate-limit counters in Redis, shared by every gateway replica: one Lua script call per admission (atomic across
 * replicas and across all the counters a call touches) and at most one per settle. Counters are hashes under
 * {@code <prefix>:rl:<scope>:<value>} that expire a little after their last slot stops counting. Windows are cut
 * by the callers' clocks, so replicas need synchronised clocks (NTP); a skew of d shifts a replica's window by d.
 *
 * <p>When Redis cannot be reached the limiter fails open by default (the call goes through uncounted; a warning is
 * logged at most once a minute) because refusing all traffic over a limiter outage hurts more than a minute of
 * unlimited calls; budgets still hold. With {@code failOpen = false} such calls are refused instead. A read slower than
 * 2 s or no free pooled connection within 2 s counts as unreachable too. After a failure
 * Redis is left alone for {@link #PAUSE_AFTER_FAILURE} so a dead server does not add a timeout to every call.
 */
public final class RedisRateLimiter implements RateLimiter {

    static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(1);
    private static final int POOL_SIZE = 32;
    /** Long enough for a busy Redis (a script waits behind others), short enough not to hang a call on a dead one. */
    private static final int CONNECT_TIMEOUT_MILLIS = 1_000;
    private static final int READ_TIMEOUT_MILLIS = 2_000;
    private static final RedisScript ADMIT = new RedisScript("admit.lua");
    private static final RedisScript SETTLE = new RedisScript("settle.lua");

    private final UnifiedJedis redis;
    private final boolean ownsClient;
    private final String keyPrefix;
    private final boolean failOpen;
    private final StoreOutage outage = new StoreOutage(PAUSE_AFTER_FAILURE);

    /** Own pool of {@value #POOL_SIZE} connections to {@code config.url()}; fails open when Redis is down. */
    public RedisRateLimiter(RedisConfig config) {
        this(config, true);
    }

    /** Own pool; {@code failOpen} false refuses calls while Redis cannot be reached. */
    public RedisRateLimiter(RedisConfig config, boolean failOpen) {
        this(connect(config.url()), true, config.keyPrefix(), failOpen);
    }

    /** Shares a client the caller owns (and closes), e.g. with the budget counters. */
    public RedisRateLimiter(UnifiedJedis client, String keyPrefix, boolean failOpen) {
        this(client, false, keyPrefix, failOpen);
    }

    private RedisRateLimiter(UnifiedJedis redis, boolean ownsClient, String keyPrefix, boolean failOpen) {
        this.redis = redis;
        this.ownsClient = ownsClient;
        this.keyPrefix = keyPrefix + ":rl:";
        this.failOpen = failOpen;
    }

    static UnifiedJedis connect(String url) {
        URI uri = URI.create(url);
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(CONNECT_TIMEOUT_MILLIS).socketTimeoutMillis(READ_TIMEOUT_MILLIS)
                .user(JedisURIHelper.getUser(uri)).password(JedisURIHelper.getPassword(uri))
                .ssl(JedisURIHelper.isRedisSSLScheme(uri)).clientName("bursar-ratelimits");
        if (JedisURIHelper.hasDbIndex(uri)) {
            client.database(JedisURIHelper.getDBIndex(uri));
        }
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(POOL_SIZE);
        pool.setMaxIdle(POOL_SIZE);
        pool.setMaxWait(Duration.ofMillis(READ_TIMEOUT_MILLIS));
        pool.setFairness(true); // first come, first served: a busy pool must not starve a waiting call
        return RedisClient.builder().hostAndPort(JedisURIHelper.getHostAndPort(uri))
                .clientConfig(client.build()).poolConfig(pool).build();
    }

    @Override
    public Verdict take(List<String> counters, List<LimitCheck> checks, long tokens, long nowMillis) {
        if (outage.pausing()) {
            return whenDown("Redis was unreachable less than " + PAUSE_AFTER_FAILURE.toMillis() + " ms ago");
        }
        List<String> keys = counters.stream().map(c -> keyPrefix + c).toList();
        String slotText = Long.toString(SlidingWindow.slotAt(nowMillis));
        List<String> args = new ArrayList<>(4 + 3 * checks.size());
        args.add(slotText);
        args.add(Integer.toString(SlidingWindow.SLOTS));
        args.add(Long.toString(tokens));
        args.add(Long.toString(SlidingWindow.TTL_MILLIS));
        for (LimitCheck check : checks) {
            args.add(Integer.toString(check.counter() + 1));
            args.add(Long.toString(check.rpm()));
            args.add(Long.toString(check.tpm()));
        }
        Object reply;
        try {
            reply = ADMIT.run(redis, keys, args);
        } catch (JedisException e) {
            outage.failed(unreachable(e));
            return whenDown(e.getMessage());
        }
        outage.recovered();
        return AdmitReply.parse((List<?>) reply, nowMillis);
    }

    @Override
    public void adjust(Taken taken, long deltaTokens, long nowMillis) {
        if (deltaTokens == 0 || taken.slot() < SlidingWindow.oldestLiveSlot(nowMillis) || outage.pausing()) {
            return;
        }
        List<String> keys = taken.counters().stream().map(c -> keyPrefix + c).toList();
        List<String> args = List.of(Long.toString(taken.slot()), Long.toString(deltaTokens),
                Integer.toString(SlidingWindow.SLOTS));
        try {
            SETTLE.run(redis, keys, args);
            outage.recovered();
        } catch (JedisException e) {
            // The correction is lost; the window it belongs to ends within a minute anyway.
            outage.failed(unreachable(e));
        }
    }

    /**
     * Connection failures and an exhausted pool (Redis too slow to hand a connection back) mean "unreachable"; an
     * error Redis answered (a script bug, a wrong key type under the prefix) is not an outage and propagates.
     */
    private static JedisException unreachable(JedisException e) {
        if (e instanceof JedisDataException) {
            throw e;
        }
        return e;
    }

    private Verdict whenDown(String why) {
        if (failOpen) {
            return new Verdict.Uncounted();
        }
        throw new SpendRefused(new SpendRefused.Reason.StoreUnavailable("rate-limits",
                "Redis at the configured url is unreachable: " + why),
                "rate limits cannot be checked because Redis is unreachable (" + why + "); start Redis or check the "
                        + "redis url, or let calls through while it is down by failing open");
    }

    @Override
    public void close() {
        if (ownsClient) {
            redis.close();
        }
    }
}
