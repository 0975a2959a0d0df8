package dev.bursar.bench;

import dev.bursar.attribution.Attribution;
import dev.bursar.config.RateLimitConfig;
import dev.bursar.config.RedisConfig;
import dev.bursar.controls.CallFacts;
import dev.bursar.controls.Permit;
import dev.bursar.ratelimits.InProcessRateLimiter;
import dev.bursar.ratelimits.RateLimitControl;
import dev.bursar.ratelimits.RedisRateLimiter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;

/**
 * Rate-limit micro benchmark: admit + settle per call (the gateway's two calls), through {@link RateLimitControl}
 * with two rules that apply to every call (per key and per customer, rpm and tpm), in process and against the Redis
 * at 127.0.0.1:6379 (one EVALSHA per admit, one per settle whose tokens differ from the reservation). Limits are
 * high enough that nothing is refused; 1,000 keys and 100 customers spread the counters. Prints calls/s and µs/call,
 * single-threaded and from virtual threads, and for Redis the ratio to a baseline of two PINGs per call (the same
 * round trips doing nothing) measured in the same run, as the machine's load moves absolute numbers a lot. Redis
 * keys go under a random prefix, deleted at the end.
 *
 * <pre>
 * ./mvnw -q -B -o test-compile
 * java -cp "target/classes:target/test-classes:$(./mvnw -q -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout)" \
 *     dev.bursar.bench.RateLimitBench [calls=50000] [threads=64]
 * </pre>
 */
public final class RateLimitBench {

    private static final String URL = "redis://127.0.0.1:6379";
    private static final List<RateLimitConfig> RULES = List.of(
            new RateLimitConfig("key", "*", Integer.MAX_VALUE, Integer.MAX_VALUE),
            new RateLimitConfig("customer", "*", Integer.MAX_VALUE, Integer.MAX_VALUE));

    private RateLimitBench() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        String prefix = "bursar-bench-" + UUID.randomUUID().toString().substring(0, 8);
        System.out.printf(Locale.ROOT, "%d admit+settle calls per run, %d virtual threads for the concurrent run, %d cores%n",
                calls, threads, Runtime.getRuntime().availableProcessors());
        List<CallFacts> facts = facts();
        try (RateLimitControl inProcess = new RateLimitControl(RULES, new InProcessRateLimiter());
             RateLimitControl redis = new RateLimitControl(RULES, new RedisRateLimiter(new RedisConfig(URL, prefix), false));
             UnifiedJedis pings = pooledClient()) {
            Runnable inProcessCall = () -> once(inProcess, facts);
            Runnable redisCall = () -> once(redis, facts);
            // The floor for Redis: the same two round trips per call, doing nothing (PING), on an equal pool.
            Runnable twoPings = () -> {
                pings.ping();
                pings.ping();
            };
            for (int pass = 0; pass < 2; pass++) { // the first pass warms up (JIT, pools); the second is reported
                boolean show = pass == 1;
                print(show, "in process, 1 thread", run(inProcessCall, calls, 1), null);
                print(show, "in process, " + threads + " virtual threads", run(inProcessCall, calls, threads), null);
                Result pingSeq = run(twoPings, calls / 5, 1);
                print(show, "redis, 1 thread", run(redisCall, calls / 5, 1), pingSeq);
                print(show, "  baseline: 2 PINGs, 1 thread", pingSeq, null);
                Result pingConc = run(twoPings, calls, threads);
                print(show, "redis, " + threads + " virtual threads", run(redisCall, calls, threads), pingConc);
                print(show, "  baseline: 2 PINGs, " + threads + " threads", pingConc, null);
            }
        } finally {
            deleteKeys(prefix);
        }
    }

    private record Result(int calls, long nanos) {
        double perSecond() {
            return calls * 1e9 / nanos;
        }
    }

    private static void print(boolean show, String name, Result result, Result baseline) {
        if (show) {
            String ratio = baseline == null ? ""
                    : String.format(Locale.ROOT, "  = %.2f x the baseline", result.perSecond() / baseline.perSecond());
            System.out.printf(Locale.ROOT, "%-36s %,10.0f calls/s  %8.1f µs/call%s%n", name,
                    result.perSecond(), result.nanos() / 1e3 / result.calls(), ratio);
        }
    }

    private static UnifiedJedis pooledClient() {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(32);
        pool.setMaxIdle(32);
        pool.setFairness(true);
        return RedisClient.builder().hostAndPort("127.0.0.1", 6379).poolConfig(pool).build();
    }

    private static List<CallFacts> facts() {
        List<CallFacts> facts = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            Attribution who = new Attribution("key-" + i, "customer-" + (i % 100), null, null, null, null, null);
            facts.add(new CallFacts(who, "gpt-4o-mini", 200, 300, new BigDecimal("0.001"), Instant.now()));
        }
        return facts;
    }

    /** {@code calls} runs of {@code call} shared out over {@code threads} virtual threads. */
    private static Result run(Runnable call, int calls, int threads) {
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int share = calls / threads + (t < calls % threads ? 1 : 0);
                done.add(pool.submit(() -> {
                    for (int i = 0; i < share; i++) {
                        call.run();
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new Result(calls, System.nanoTime() - start);
    }

    /** A call that used fewer tokens than it reserved, so settle has a correction to make. */
    private static void once(RateLimitControl control, List<CallFacts> facts) {
        Permit permit = control.admit(facts.get(ThreadLocalRandom.current().nextInt(facts.size())));
        control.settle(permit, BigDecimal.ZERO, 250);
    }

    private static void deleteKeys(String prefix) {
        try (UnifiedJedis redis = RedisClient.create(java.net.URI.create(URL))) {
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                var page = redis.scan(cursor, new ScanParams().match(prefix + ":*").count(1000));
                page.getResult().forEach(redis::del);
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
    }
}
