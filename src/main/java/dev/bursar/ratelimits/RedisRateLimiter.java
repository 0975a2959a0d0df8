package dev.bursar.ratelimits;

import dev.bursar.config.RedisConfig;
import dev.bursar.controls.SpendRefused;
import dev.bursar.redis.LuaScript;
import dev.bursar.redis.RedisError;
import dev.bursar.redis.RedisPipe;
import dev.bursar.redis.RedisUnavailable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * Rate-limit counters in Redis, shared by every gateway replica: one Lua script call per admission (atomic across
 * replicas and across all the counters a call touches) and at most one per settle, which is sent without waiting for
 * its reply (a lost correction only matters until its slot leaves the window). Counters are hashes under
 * {@code <prefix>:rl:<scope>:<value>} that expire a little after their last slot stops counting. Windows are cut
 * by the callers' clocks, so replicas need synchronised clocks (NTP); a skew of d shifts a replica's window by d.
 *
 * <p>When Redis cannot be reached the limiter fails open by default (the call goes through uncounted; a warning is
 * logged at most once a minute) because refusing all traffic over a limiter outage hurts more than a minute of
 * unlimited calls; budgets still hold. With {@code failOpen = false} such calls are refused instead. A read slower than
 * 2 s counts as unreachable too. After a failure
 * Redis is left alone for {@link #PAUSE_AFTER_FAILURE} so a dead server does not add a timeout to every call.
 *
 * <p>{@link LeasedRateLimiter} counts through this class too (it leases chunks with {@link #lease} and gives back
 * what they left with {@link #correct}), so every script call of the rate limits is made here.
 */
public final class RedisRateLimiter implements RateLimiter {

    static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(1);
    private static final LuaScript ADMIT = LuaScript.fromResource(RedisRateLimiter.class, "roll.lua", "admit.lua");
    private static final LuaScript LEASE = LuaScript.fromResource(RedisRateLimiter.class, "roll.lua", "lease.lua");
    private static final LuaScript SETTLE = LuaScript.fromResource(RedisRateLimiter.class, "settle.lua");

    private final RedisPipe redis;
    private final boolean ownsClient;
    private final String keyPrefix;
    private final boolean failOpen;
    private final StoreOutage outage = new StoreOutage(PAUSE_AFTER_FAILURE);
    private final LongAdder scriptCalls = new LongAdder();

    /** Own connection to {@code config.url()}; fails open when Redis is down. */
    public RedisRateLimiter(RedisConfig config) {
        this(config, true);
    }

    /** Own connection; {@code failOpen} false refuses calls while Redis cannot be reached. */
    public RedisRateLimiter(RedisConfig config, boolean failOpen) {
        this(new RedisPipe(config.url(), "bursar-ratelimits-" + config.keyPrefix()), true, config.keyPrefix(), failOpen);
    }

    /** Shares a connection the caller owns (and closes), e.g. with the budget counters. */
    public RedisRateLimiter(RedisPipe client, String keyPrefix, boolean failOpen) {
        this(client, false, keyPrefix, failOpen);
    }

    private RedisRateLimiter(RedisPipe redis, boolean ownsClient, String keyPrefix, boolean failOpen) {
        this.redis = redis;
        this.ownsClient = ownsClient;
        this.keyPrefix = keyPrefix + ":rl:";
        this.failOpen = failOpen;
        redis.preload(ADMIT);
        redis.preload(LEASE);
        redis.preload(SETTLE);
    }

    @Override
    public Verdict take(List<String> counters, List<LimitCheck> checks, long tokens, long nowMillis) {
        try {
            return takeLater(counters, checks, tokens, nowMillis).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw RedisPipe.unwrap(e);
        }
    }

    @Override
    public CompletableFuture<Verdict> takeLater(List<String> counters, List<LimitCheck> checks, long tokens, long nowMillis) {
        if (outage.pausing()) {
            return CompletableFuture.supplyAsync(() -> whenDown("Redis was unreachable less than "
                    + PAUSE_AFTER_FAILURE.toMillis() + " ms ago"), Runnable::run);
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
        scriptCalls.increment();
        return ADMIT.eval(redis, keys, args).handle((reply, error) -> {
            if (error != null) {
                RuntimeException e = RedisPipe.unwrap(error);
                if (e instanceof RedisUnavailable down) {
                    outage.failed(down);
                    return whenDown(down.getMessage());
                }
                throw e instanceof RedisError bug ? scriptFailed(bug) : e;
            }
            outage.recovered();
            return AdmitReply.parse((List<?>) reply, nowMillis);
        });
    }

    @Override
    public void adjust(Taken taken, long deltaTokens, long nowMillis) {
        correct(taken.counters(), taken.slot(), 0, deltaTokens, nowMillis);
    }

    /**
     * Adds the deltas to {@code slot} of the counters if it still counts, without making the caller wait; the future
     * says when Redis has done it (or it was dropped: a lost correction only matters until its slot leaves the window).
     */
    CompletableFuture<Void> correct(List<String> counters, long slot, long deltaRequests, long deltaTokens, long nowMillis) {
        if ((deltaTokens == 0 && deltaRequests == 0) || slot < SlidingWindow.oldestLiveSlot(nowMillis) || outage.pausing()) {
            return CompletableFuture.completedFuture(null);
        }
        List<String> keys = counters.stream().map(c -> keyPrefix + c).toList();
        List<String> args = deltaRequests == 0
                ? List.of(Long.toString(slot), Long.toString(deltaTokens), Integer.toString(SlidingWindow.SLOTS))
                : List.of(Long.toString(slot), Long.toString(deltaTokens), Integer.toString(SlidingWindow.SLOTS),
                        Long.toString(deltaRequests));
        scriptCalls.increment();
        return SETTLE.eval(redis, keys, args).handle((reply, error) -> {
            if (error == null) {
                outage.recovered();
            } else if (RedisPipe.unwrap(error) instanceof RedisUnavailable e) {
                outage.failed(e);
            }
            return null;
        });
    }

    /**
     * One script call for a chunk of one counter's current slot (lease.lua, with {@link LeasedRateLimiter}'s sizing
     * rules). Fails at once while Redis is paused after a failure, and with what Redis answered otherwise.
     */
    CompletableFuture<Grant> lease(Chunks.Ask ask) {
        if (outage.pausing()) {
            return CompletableFuture.failedFuture(new RedisUnavailable("Redis was unreachable less than "
                    + PAUSE_AFTER_FAILURE.toMillis() + " ms ago"));
        }
        List<String> args = List.of(Long.toString(ask.slot()), Integer.toString(SlidingWindow.SLOTS),
                Long.toString(ask.perCallTokens()), Long.toString(SlidingWindow.TTL_MILLIS), Long.toString(ask.requests()),
                Long.toString(ask.rpm()), Long.toString(ask.tpm()), Integer.toString(LeasedRateLimiter.LEAST_GRANT),
                Integer.toString(LeasedRateLimiter.ROOM_SHARE));
        scriptCalls.increment();
        return LEASE.eval(redis, List.of(keyPrefix + ask.counter()), args).handle((reply, error) -> {
            if (error != null) {
                RuntimeException e = RedisPipe.unwrap(error);
                if (e instanceof RedisUnavailable down) {
                    outage.failed(down);
                }
                throw e instanceof RedisError bug ? scriptFailed(bug) : e;
            }
            outage.recovered();
            return Grant.parse((List<?>) reply);
        });
    }

    /** Script calls sent so far (admissions, leases, corrections), for tests that count round trips. */
    long scriptCalls() {
        return scriptCalls.sum();
    }

    /** An error Redis answered (a script bug, a wrong key type under the prefix) is not an outage. */
    private static IllegalStateException scriptFailed(RedisError e) {
        return new IllegalStateException("rate-limit script failed in Redis (a Bursar bug, or a foreign key under the prefix): "
                + e.getMessage(), e);
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
