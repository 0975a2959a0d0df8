package dev.bursar.budgets;

import dev.bursar.config.RedisConfig;
import dev.bursar.redis.LuaScript;
import dev.bursar.redis.RedisError;
import dev.bursar.redis.RedisPipe;
import dev.bursar.redis.RedisUnavailable;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

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
 *
 * <p>Calls share one pipelined connection ({@link RedisPipe}); {@link #settleLater} does not wait for Redis, but the
 * settle still runs before any later call of this process, so nothing here ever reads its own stale state.
 */
public final class RedisBudgetCounters implements BudgetCounters {

    private static final LuaScript RESERVE = LuaScript.fromResource(RedisBudgetCounters.class, "purge.lua", "reserve.lua");
    private static final LuaScript SETTLE = LuaScript.fromResource(RedisBudgetCounters.class, "settle.lua");
    private static final LuaScript TOTALS = LuaScript.fromResource(RedisBudgetCounters.class, "purge.lua", "totals.lua");
    private static final LuaScript START = LuaScript.fromResource(RedisBudgetCounters.class, "start.lua");
    private static final LuaScript LEASE = LuaScript.fromResource(RedisBudgetCounters.class, "purge.lua", "lease.lua");
    /**
     * How long a call that only lacks room other replicas hold in leases waits for them to give it back (they do on
     * their next renewal, within {@link LeasedBudgetCounters#QUIET_RENEWAL}); past it, the call is refused.
     */
    static final Duration CONTENDED_WAIT = Duration.ofMillis(250);
    private static final long CONTENDED_RETRY_MILLIS = 2;
    /** Own connections are named after the key prefix, so an operator (or a test) can tell them apart in CLIENT LIST. */
    public static final String CLIENT_NAME_PREFIX = "bursar-budgets-";
    private static final int MAX_START_ROUNDS = 5;
    private static final Duration STALE_CELL_TTL = Duration.ofHours(1);
    /** Slow paths of a settle sent without waiting (starting a cell from the ledger) run here, off the reply reader. */
    private static final Executor SLOW_PATH = command -> Thread.ofVirtual().name("bursar-budget-settle").start(command);

    private final RedisPipe redis;
    private final boolean ownsPipe;
    private final String prefix;
    private final String where;
    private final StartingSpend starting;
    private final Clock clock;
    private final Duration ttl;

    public RedisBudgetCounters(RedisConfig config, StartingSpend starting) {
        this(config, starting, Clock.systemUTC(), DEFAULT_RESERVATION_TTL);
    }

    /** Opens its own connection. */
    public RedisBudgetCounters(RedisConfig config, StartingSpend starting, Clock clock, Duration reservationTtl) {
        this(new RedisPipe(config.url(), CLIENT_NAME_PREFIX + config.keyPrefix()), true, config.keyPrefix(), starting, clock,
                reservationTtl);
    }

    /** Shares {@code redis} (the caller closes it), e.g. with the rate limiter. */
    public RedisBudgetCounters(RedisPipe redis, String keyPrefix, StartingSpend starting) {
        this(redis, false, keyPrefix, starting, Clock.systemUTC(), DEFAULT_RESERVATION_TTL);
    }

    private RedisBudgetCounters(RedisPipe redis, boolean ownsPipe, String keyPrefix, StartingSpend starting, Clock clock,
                                Duration reservationTtl) {
        this.redis = redis;
        this.ownsPipe = ownsPipe;
        this.prefix = keyPrefix;
        this.where = redis.where();
        this.starting = starting;
        this.clock = clock;
        this.ttl = reservationTtl;
        for (LuaScript script : List.of(RESERVE, SETTLE, TOTALS, START, LEASE)) {
            redis.preload(script);
        }
    }

    @Override
    public ReserveResult reserve(List<BudgetKey> keys, BigDecimal amountUsd, Instant at) {
        try {
            return reserveLater(keys, amountUsd, at).toCompletableFuture().join();
        } catch (java.util.concurrent.CompletionException e) {
            throw RedisPipe.unwrap(e);
        }
    }

    /** Sends the reservation at once; the stage completes when Redis answered (so callers can send more meanwhile). */
    @Override
    public CompletionStage<ReserveResult> reserveLater(List<BudgetKey> keys, BigDecimal amountUsd, Instant at) {
        List<BudgetKey> distinct = List.copyOf(new LinkedHashSet<>(keys));
        long amount = Nanos.up(requireNotNegative(amountUsd));
        Instant now = clock.instant();
        Reservation r = new Reservation(ReservationIds.next(), distinct, amountUsd, at, now.plus(ttl));
        List<Cells> groups = distinct.stream().map(k -> new Cells(k, at)).toList();
        List<String> args = new ArrayList<>(List.of(String.valueOf(now.toEpochMilli()), r.id(), String.valueOf(amount),
                String.valueOf(r.expiresAt().toEpochMilli()), String.valueOf(groups.size())));
        for (Cells c : groups) {
            args.add(c.key.hard() ? String.valueOf(Nanos.down(c.key.limitUsd())) : "-1");
            args.add(String.valueOf(c.buckets.size()));
            args.add(timeToLive(c.buckets.getLast(), now));
        }
        return reserveUntilDecided(groups, args, System.nanoTime() + CONTENDED_WAIT.toNanos()).thenApply(reply -> {
            if (text(reply.getFirst()).equals("ok")) {
                return new ReserveResult.Reserved(r);
            }
            BudgetKey k = distinct.get((int) number(reply.get(1)) - 1);
            return new ReserveResult.Refused(new BudgetRefusal(k, k.window().instance(at), Nanos.usd(number(reply.get(2))),
                    Nanos.usd(number(reply.get(3))), amountUsd));
        });
    }

    /**
     * Runs the reservation; while it only lacks room that leases hold (reserve.lua asked for it back), asks again
     * every few milliseconds until the deadline. Past it, 'contended' is read as a refusal.
     */
    private CompletableFuture<List<Object>> reserveUntilDecided(List<Cells> groups, List<String> args, long deadlineNanos) {
        return runStartingLater(RESERVE, groups, args).thenCompose(reply -> {
            if (!text(reply.getFirst()).equals("contended") || System.nanoTime() >= deadlineNanos) {
                return CompletableFuture.completedFuture(reply);
            }
            Executor later = CompletableFuture.delayedExecutor(CONTENDED_RETRY_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS, SLOW_PATH);
            return CompletableFuture.supplyAsync(() -> null, later).thenCompose(x -> reserveUntilDecided(groups, args, deadlineNanos));
        });
    }

    /** What Redis answered to a lease renewal (lease.lua). */
    record LeaseReply(long size, boolean active, boolean revoked, long spentBefore, long spentAfter, long reserved) {
    }

    /**
     * Renews {@code lease}: books {@code book} nanodollars of spend and sets its size to at least {@code floor + keep}, at
     * most {@code want} (hard leases: within what lease.lua allows). The expiry is {@code ttl} from now.
     */
    CompletableFuture<LeaseReply> renew(Lease lease, long book, long floor, long keep, long want, long useful, int share,
                                        Duration ttl) {
        Instant now = clock.instant();
        List<Cells> groups = List.of(new Cells(lease.key, lease.cells));
        BudgetKey k = lease.key;
        List<String> args = List.of(String.valueOf(now.toEpochMilli()), lease.id, String.valueOf(book), String.valueOf(floor),
                String.valueOf(keep), String.valueOf(Math.max(want, floor + keep)), String.valueOf(now.plus(ttl).toEpochMilli()),
                k.hard() ? String.valueOf(Nanos.down(k.limitUsd())) : "-1", timeToLive(lease.cells.getLast(), now),
                String.valueOf(share), String.valueOf(useful));
        return runStartingLater(LEASE, groups, args).thenApply(r -> new LeaseReply(number(r.get(1)), number(r.get(2)) == 1,
                number(r.get(3)) == 1, number(r.get(4)), number(r.get(5)), number(r.get(6))));
    }

    @Override
    public List<WindowTotals> settle(Reservation r, BigDecimal actualUsd) {
        return totalsAfterSettle(r, settleOrRelease(r, Nanos.up(requireNotNegative(actualUsd))));
    }

    /** Sends the settle without waiting for Redis; it still runs before any later call of this process. */
    @Override
    public CompletionStage<List<WindowTotals>> settleLater(Reservation r, BigDecimal actualUsd) {
        long actual = Nanos.up(requireNotNegative(actualUsd));
        List<Cells> groups = cellsOf(r);
        return runStartingLater(SETTLE, groups, settleArgs(r, actual, groups)).thenApply(reply -> totalsAfterSettle(r, reply));
    }

    /**
     * One script call, answered when Redis answers. Cells that do not exist yet (rare: the first call of a window) take
     * the blocking path, with ledger reads, on a thread of its own rather than on the connection's reply reader.
     */
    private CompletableFuture<List<Object>> runStartingLater(LuaScript script, List<Cells> groups, List<String> args) {
        return script.eval(redis, keysOf(groups), args)
                .handle((reply, error) -> error == null ? asList(reply) : this.<List<Object>>failed(error))
                .thenCompose(reply -> text(reply.getFirst()).equals("missing")
                        ? CompletableFuture.supplyAsync(() -> runStarting(script, groups, args), SLOW_PATH)
                        : CompletableFuture.completedFuture(reply));
    }

    @Override
    public void release(Reservation r) {
        settleOrRelease(r, 0);
    }

    private List<Object> settleOrRelease(Reservation r, long actual) {
        List<Cells> groups = cellsOf(r);
        return runStarting(SETTLE, groups, settleArgs(r, actual, groups));
    }

    private static List<Cells> cellsOf(Reservation r) {
        return r.keys().stream().map(k -> new Cells(k, r.at())).toList();
    }

    private static List<String> settleArgs(Reservation r, long actual, List<Cells> groups) {
        List<String> args = new ArrayList<>(List.of(r.id(), String.valueOf(actual), String.valueOf(groups.size())));
        groups.forEach(c -> args.add(String.valueOf(c.buckets.size())));
        return args;
    }

    private static List<WindowTotals> totalsAfterSettle(Reservation r, List<Object> reply) {
        List<WindowTotals> out = new ArrayList<>();
        for (int i = 0; i < r.keys().size(); i++) {
            BudgetKey k = r.keys().get(i);
            out.add(new WindowTotals(k, k.window().instance(r.at()), Nanos.usd(number(reply.get(1 + 2 * i))),
                    Nanos.usd(number(reply.get(2 + 2 * i)))));
        }
        return out;
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
        List<String> command = new ArrayList<>(List.of("SUNION"));
        command.addAll(List.of(sets));
        Set<String> seen = new TreeSet<>();
        try {
            for (Object member : (List<?>) redis.call(command)) {
                seen.add(text(member));
            }
        } catch (RedisUnavailable e) {
            throw unavailable(e);
        }
        return seen;
    }

    /** Runs a script; while it reports cells that do not exist yet, starts them from the ledger and runs it again. */
    private List<Object> runStarting(LuaScript script, List<Cells> groups, List<String> args) {
        List<String> keys = keysOf(groups);
        List<BudgetKey> owner = new ArrayList<>();
        List<Bucket> bucketOf = new ArrayList<>();
        for (Cells c : groups) {
            for (Bucket b : c.buckets) {
                owner.add(c.key);
                bucketOf.add(b);
            }
        }
        for (int round = 0; round < MAX_START_ROUNDS; round++) {
            List<Object> reply = run(script, keys, args);
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

    /** Each cell's hash and reservation-expiry set, in order. */
    private List<String> keysOf(List<Cells> groups) {
        List<String> keys = new ArrayList<>();
        for (Cells c : groups) {
            for (Bucket b : c.buckets) {
                String hash = prefix + ":budget:" + c.key.cell(b);
                keys.add(hash);
                keys.add(hash + ":exp");
            }
        }
        return keys;
    }

    /**
     * Starts a cell from the ledger. Calls that find the same cell missing at once (the first burst of a new window)
     * wait for one start instead of each reading the ledger: a burst must not take every database connection.
     */
    private void start(BudgetKey k, Bucket b, String hash) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> running = startsInFlight.putIfAbsent(hash, mine);
        if (running != null) {
            try {
                running.join();
                return;
            } catch (java.util.concurrent.CompletionException e) {
                throw RedisPipe.unwrap(e);
            }
        }
        try {
            BigDecimal spent = starting.spentUsd(k.scope(), k.value(), b.from(), b.to());
            run(START, List.of(hash, seenKey(k, b)), List.of(String.valueOf(Nanos.up(spent)), timeToLive(b, clock.instant()), k.value()));
            mine.complete(null);
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            startsInFlight.remove(hash, mine);
        }
    }

    private final java.util.Map<String, CompletableFuture<Void>> startsInFlight = new java.util.concurrent.ConcurrentHashMap<>();

    private List<Object> run(LuaScript script, List<String> keys, List<String> args) {
        try {
            return asList(script.run(redis, keys, args));
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    /** Redis errors are Bursar bugs; an unreachable Redis is the store being down. */
    private <T> T failed(Throwable error) {
        RuntimeException e = RedisPipe.unwrap(error);
        if (e instanceof RedisError) {
            throw new IllegalStateException("budget script failed in Redis (a Bursar bug, please report): " + e.getMessage(), e);
        }
        if (e instanceof RedisUnavailable u) {
            throw unavailable(u);
        }
        throw e;
    }

    private BudgetStoreUnavailable unavailable(RedisUnavailable e) {
        return new BudgetStoreUnavailable("cannot reach the budget store at " + where + ": " + e.getMessage()
                + " (check that Redis runs and that 'redis' in bursar.yaml points at it)", e);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object reply) {
        return (List<Object>) reply;
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
        return String.valueOf(o);
    }

    private static long number(Object o) {
        return o instanceof Long l ? l : Long.parseLong(text(o));
    }

    @Override
    public void close() {
        if (ownsPipe) {
            redis.close();
        }
    }

    /** A budget key with the window cells it spans at one moment. */
    private record Cells(BudgetKey key, List<Bucket> buckets) {
        Cells(BudgetKey key, Instant at) {
            this(key, key.window().buckets(at));
        }
    }
}
