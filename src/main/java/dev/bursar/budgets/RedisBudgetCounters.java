package dev.bursar.budgets;

import dev.bursar.config.RedisConfig;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * Counters shared by gateway replicas in Redis. Every read-check-write is one Lua script, so replicas cannot race.
 *
 * <p>Layout under the configured prefix: one hash per window cell, {@code <prefix>:budget:<budget>:<window>:<value>:<cell>},
 * with fields {@code spent}, {@code reserved} (integer nanodollars, see {@link Nanos}) and {@code r:<reservation id>}
 * per outstanding reservation; a sorted set {@code ...:exp} of reservation ids by expiry (ms); and a set
 * {@code <prefix>:budget-seen:<budget>:<window>:<cell>} of the scope values seen. Cells expire a day after the last
 * window they belong to ends (by the replica's clock). A cell that does not exist is started from the ledger by one HSETNX (the first replica
 * wins), so a fresh Redis does not reset a month's spend. All keys of one call go to one script: a single Redis (or a
 * cluster with hash tags added) is assumed.
 */
public final class RedisBudgetCounters implements BudgetCounters {

    private static final RedisScript RESERVE = RedisScript.load("reserve", true);
    private static final RedisScript SETTLE = RedisScript.load("settle", false);
    private static final RedisScript TOTALS = RedisScript.load("totals", true);
    private static final RedisScript START = RedisScript.load("start", false);
    /** Connections are named after the key prefix, so an operator (or a test) can tell them apart in CLIENT LIST. */
    public static final String CLIENT_NAME_PREFIX = "bursar-budgets-";
    private static final int TIMEOUT_MS = 2_000;
    private static final int MAX_START_ROUNDS = 5;
    private static final Duration STALE_CELL_TTL = Duration.ofHours(1);

    private final UnifiedJedis redis;
    private final String prefix;
    private final String where;
    private final StartingSpend starting;
    private final Clock clock;
    private final Duration ttl;

    public RedisBudgetCounters(RedisConfig config, StartingSpend starting) {
        this(config, starting, Clock.systemUTC(), DEFAULT_RESERVATION_TTL);
    }

    /** Opens its own connection pool (one per replica). */
    public RedisBudgetCounters(RedisConfig config, StartingSpend starting, Clock clock, Duration reservationTtl) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(64);
        pool.setMaxIdle(16);
        pool.setMaxWait(Duration.ofMillis(TIMEOUT_MS));
        URI uri = URI.create(config.url());
        DefaultJedisClientConfig client = DefaultJedisClientConfig.builder()
                .timeoutMillis(TIMEOUT_MS)
                .user(JedisURIHelper.getUser(uri))
                .password(JedisURIHelper.getPassword(uri))
                .database(JedisURIHelper.getDBIndex(uri))
                .ssl(JedisURIHelper.isRedisSSLScheme(uri))
                .clientName(CLIENT_NAME_PREFIX + config.keyPrefix())
                .build();
        this.redis = new JedisPooled(JedisURIHelper.getHostAndPort(uri), client, pool);
        this.prefix = config.keyPrefix();
        this.where = config.url().replaceAll("//[^@/]*@", "//***@");
        this.starting = starting;
        this.clock = clock;
        this.ttl = reservationTtl;
    }

    @Override
    public ReserveResult reserve(List<BudgetKey> keys, BigDecimal amountUsd, Instant at) {
        List<BudgetKey> distinct = List.copyOf(new LinkedHashSet<>(keys));
        long amount = Nanos.up(requireNotNegative(amountUsd));
        Instant now = clock.instant();
        Reservation r = new Reservation(UUID.randomUUID().toString(), distinct, amountUsd, at, now.plus(ttl));
        List<Cells> groups = distinct.stream().map(k -> new Cells(k, at)).toList();
        List<String> args = new ArrayList<>(List.of(String.valueOf(now.toEpochMilli()), r.id(), String.valueOf(amount),
                String.valueOf(r.expiresAt().toEpochMilli()), String.valueOf(groups.size())));
        for (Cells c : groups) {
            args.add(c.key.hard() ? String.valueOf(Nanos.down(c.key.limitUsd())) : "-1");
            args.add(String.valueOf(c.buckets.size()));
            args.add(timeToLive(c.buckets.getLast(), now));
        }
        List<Object> reply = runStarting(RESERVE, groups, args);
        if (text(reply.getFirst()).equals("ok")) {
            return new ReserveResult.Reserved(r);
        }
        BudgetKey k = distinct.get((int) number(reply.get(1)) - 1);
        return new ReserveResult.Refused(new BudgetRefusal(k, k.window().instance(at), Nanos.usd(number(reply.get(2))),
                Nanos.usd(number(reply.get(3))), amountUsd));
    }

    @Override
    public List<WindowTotals> settle(Reservation r, BigDecimal actualUsd) {
        List<Object> reply = settleOrRelease(r, Nanos.up(requireNotNegative(actualUsd)));
        List<WindowTotals> out = new ArrayList<>();
        for (int i = 0; i < r.keys().size(); i++) {
            BudgetKey k = r.keys().get(i);
            out.add(new WindowTotals(k, k.window().instance(r.at()), Nanos.usd(number(reply.get(1 + 2 * i))),
                    Nanos.usd(number(reply.get(2 + 2 * i)))));
        }
        return out;
    }

    @Override
    public void release(Reservation r) {
        settleOrRelease(r, 0);
    }

    private List<Object> settleOrRelease(Reservation r, long actual) {
        List<Cells> groups = r.keys().stream().map(k -> new Cells(k, r.at())).toList();
        List<String> args = new ArrayList<>(List.of(r.id(), String.valueOf(actual), String.valueOf(groups.size())));
        groups.forEach(c -> args.add(String.valueOf(c.buckets.size())));
        return runStarting(SETTLE, groups, args);
    }

    @Override
    public WindowTotals totals(BudgetKey key, Instant at) {
        Cells c = new Cells(key, at);
        List<Object> reply = runStarting(TOTALS, List.of(c), List.of(String.valueOf(clock.millis())));
        return new WindowTotals(key, key.window().instance(at), Nanos.usd(number(reply.get(1))), Nanos.usd(number(reply.get(2))));
    }

    @Override
    public Set<String> valuesSeen(BudgetKey key, Instant at) {
        String[] sets = key.window().buckets(at).stream().map(b -> seenKey(key, b)).toArray(String[]::new);
        try {
            return new TreeSet<>(redis.sunion(sets));
        } catch (JedisException e) {
            throw new BudgetStoreUnavailable("cannot reach the budget store at " + where + ": " + e.getMessage(), e);
        }
    }

    /** Runs a script; while it reports cells that do not exist yet, starts them from the ledger and runs it again. */
    private List<Object> runStarting(RedisScript script, List<Cells> groups, List<String> args) {
        List<String> keys = new ArrayList<>();
        List<BudgetKey> owner = new ArrayList<>();
        List<Bucket> bucketOf = new ArrayList<>();
        for (Cells c : groups) {
            for (Bucket b : c.buckets) {
                String hash = prefix + ":budget:" + c.key.cell(b);
                keys.add(hash);
                keys.add(hash + ":exp");
                owner.add(c.key);
                bucketOf.add(b);
            }
        }
        for (int round = 0; round < MAX_START_ROUNDS; round++) {
            List<Object> reply = script.run(redis, where, keys, args);
            if (!text(reply.getFirst()).equals("missing")) {
                return reply;
            }
            for (Object index : reply.subList(1, reply.size())) {
                int i = (int) number(index) - 1;
                start(owner.get(i), bucketOf.get(i), keys.get(2 * i));
            }
        }
        throw new IllegalStateException("budget counters kept vanishing while being started (is something deleting "
                + prefix + ":budget:* keys?)");
    }

    private void start(BudgetKey k, Bucket b, String hash) {
        BigDecimal spent = starting.spentUsd(k.scope(), k.value(), b.from(), b.to());
        START.run(redis, where, List.of(hash, seenKey(k, b)),
                List.of(String.valueOf(Nanos.up(spent)), timeToLive(b, clock.instant()), k.value()));
    }

    /**
     * Milliseconds until the cell can go, by this replica's clock ("0" = never). Relative, not absolute, so Redis's
     * own clock does not matter; a cell of a long-gone window still lives an hour, for settles that straggle in.
     */
    private static String timeToLive(Bucket b, Instant now) {
        if (b.expiresAt() == null) {
            return "0";
        }
        return String.valueOf(Math.max(Duration.between(now, b.expiresAt()).toMillis(), STALE_CELL_TTL.toMillis()));
    }

    private String seenKey(BudgetKey k, Bucket b) {
        return prefix + ":budget-seen:" + k.family() + ":" + b.id();
    }

    private static BigDecimal requireNotNegative(BigDecimal usd) {
        if (usd == null || usd.signum() < 0) {
            throw new IllegalArgumentException("budget amounts must be zero or more USD, got " + usd);
        }
        return usd;
    }

    private static String text(Object o) {
        return o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o);
    }

    private static long number(Object o) {
        return o instanceof Long l ? l : Long.parseLong(text(o));
    }

    @Override
    public void close() {
        redis.close();
    }

    /** A budget key with the window cells it spans at one moment. */
    private record Cells(BudgetKey key, List<Bucket> buckets) {
        Cells(BudgetKey key, Instant at) {
            this(key, key.window().buckets(at));
        }
    }
}
