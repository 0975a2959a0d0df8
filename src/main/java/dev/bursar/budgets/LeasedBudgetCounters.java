package dev.bursar.budgets;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Redis counters ({@link RedisBudgetCounters}) with leases: for each busy budget key this replica holds some room of
 * the budget as one Redis reservation ({@link Lease}) and admits calls from it in process, so most calls make no
 * round trip to Redis; their spend is booked in Redis in batches by the {@link LeaseKeeper}, every few milliseconds.
 *
 * <p>Why it still holds exactly: admissions from a lease stay inside the room Redis holds for it, so no budget is
 * crossed however many replicas there are. A lease takes at most a quarter of the room nobody else holds and is only
 * given when that is at least two calls' worth, so near a limit calls go to Redis one by one as before. A call that
 * only lacks room other replicas hold in leases makes Redis ask for it back and waits until it is given back (a few
 * milliseconds), so no call is refused while its budget had room for it.
 *
 * <p>What is weaker than per-call counting: spend settled here reaches Redis up to one renewal period later
 * ({@link #BUSY_RENEWAL}); a replica killed in between leaves that spend out of the Redis counters (the ledger has
 * it) and its leases' room held until they expire ({@link #LEASE_TTL}). A call admitted from a lease is held until
 * it is settled (the gateway always settles) rather than for the reservation time to live.
 */
public final class LeasedBudgetCounters implements BudgetCounters {

    /** How often a lease in use is renewed: spend is booked and asks for room back are heard this often. */
    static final Duration BUSY_RENEWAL = Duration.ofMillis(5);
    /** How often a lease nobody used since its last renewal is renewed. */
    static final Duration QUIET_RENEWAL = Duration.ofMillis(50);
    /** A lease unused this long gives its room back. */
    static final Duration IDLE = Duration.ofSeconds(1);
    /** A lease not renewed for this long (its replica died or lost Redis) expires in Redis. */
    static final Duration LEASE_TTL = Duration.ofSeconds(30);
    private static final String LOCAL = "lease-call:";

    private final RedisBudgetCounters redis;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<BudgetKey, Lease> current = new ConcurrentHashMap<>();
    /** Leases of cells that are over (a new day began), kept until their calls settled and their spend is booked. */
    private final List<Lease> retired = new CopyOnWriteArrayList<>();
    private final LeaseKeeper keeper;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    public LeasedBudgetCounters(RedisBudgetCounters redis) {
        this(redis, Clock.systemUTC(), true);
    }

    /** {@code renewInBackground} false: leases are only renewed by {@link #renewAll()} (tests drive them step by step). */
    LeasedBudgetCounters(RedisBudgetCounters redis, Clock clock, boolean renewInBackground) {
        this.redis = redis;
        this.clock = clock;
        this.keeper = new LeaseKeeper(this, redis, clock, lock);
        if (renewInBackground) {
            keeper.start();
        }
    }

    @Override
    public ReserveResult reserve(List<BudgetKey> keys, BigDecimal amountUsd, Instant at) {
        try {
            return reserveLater(keys, amountUsd, at).toCompletableFuture().join();
        } catch (java.util.concurrent.CompletionException e) {
            throw dev.bursar.redis.RedisPipe.unwrap(e);
        }
    }

    @Override
    public CompletionStage<ReserveResult> reserveLater(List<BudgetKey> keys, BigDecimal amountUsd, Instant at) {
        Reservation r = reserveAtOnce(keys, amountUsd, at);
        return r != null ? CompletableFuture.completedFuture(new ReserveResult.Reserved(r)) : redis.reserveLater(keys, amountUsd, at);
    }

    /** From the keys' leases when they all have room for it; null sends the call to Redis. */
    @Override
    public Reservation reserveAtOnce(List<BudgetKey> keys, BigDecimal amountUsd, Instant at) {
        if (amountUsd == null || amountUsd.signum() < 0 || hasDuplicates(keys)) {
            return null; // Redis reports bad amounts, and merges repeated keys
        }
        long amount = Nanos.up(amountUsd);
        long now = System.nanoTime();
        Lease[] leases = new Lease[keys.size()];
        boolean fromLeases = true;
        for (int i = 0; i < leases.length; i++) {
            leases[i] = leaseFor(keys.get(i), at, now);
            fromLeases &= leases[i] != null;
        }
        lock.lock();
        try {
            for (Lease l : leases) {
                if (l != null) {
                    l.noteCall(amount, now);
                    fromLeases &= l.canTake(amount);
                }
            }
            if (fromLeases) {
                for (Lease l : leases) {
                    l.inFlight += amount;
                }
            }
        } finally {
            lock.unlock();
        }
        keeper.poke(now);
        return fromLeases ? new Reservation(LOCAL + ReservationIds.next(), keys, amountUsd, at, at.plus(DEFAULT_RESERVATION_TTL)) : null;
    }

    /** The lease a call at {@code at} draws on, made (empty, to be filled by the keeper) when the key has none yet. */
    private Lease leaseFor(BudgetKey key, Instant at, long nowNanos) {
        Lease l = current.get(key);
        if (l != null && l.covers(at)) {
            return l;
        }
        if (l != null && !l.over(at)) {
            return null; // a call dated before the lease's cell (a clock step): Redis takes it
        }
        List<Bucket> cells = key.window().buckets(at);
        Lease made = new Lease(key, cells, "lease:" + ReservationIds.next(), nowNanos);
        Lease won = l == null ? current.putIfAbsent(key, made) : current.replace(key, l, made) ? null : current.get(key);
        if (won == null) {
            if (l != null) {
                retired.add(l);
            }
            keeper.wake();
            return made;
        }
        return won.covers(at) ? won : null;
    }

    @Override
    public List<WindowTotals> settle(Reservation r, BigDecimal actualUsd) {
        CompletableFuture<List<WindowTotals>> settled = settleLater(r, actualUsd).toCompletableFuture();
        if (isLocal(r)) {
            keeper.renewNow(leasesOf(r));
        }
        try {
            return settled.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw dev.bursar.redis.RedisPipe.unwrap(e);
        }
    }

    /** A call admitted from leases settles in process; Redis books it with the leases' next renewal. */
    @Override
    public CompletionStage<List<WindowTotals>> settleLater(Reservation r, BigDecimal actualUsd) {
        if (!isLocal(r)) {
            return redis.settleLater(r, actualUsd);
        }
        if (actualUsd == null || actualUsd.signum() < 0) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("budget amounts must be zero or more USD, got " + actualUsd));
        }
        LocalSettle settle = new LocalSettle(r.keys().size());
        giveBack(r, Nanos.up(r.amountUsd()), Nanos.up(actualUsd), settle);
        return settle.done;
    }

    private static final CompletableFuture<List<WindowTotals>> NO_TOTALS = CompletableFuture.completedFuture(List.of());

    /** A call admitted from leases settles in process, and nothing waits for Redis to book it. */
    @Override
    public CompletionStage<List<WindowTotals>> settleWithoutTotals(Reservation r, BigDecimal actualUsd) {
        if (!isLocal(r) || actualUsd == null || actualUsd.signum() < 0) {
            return settleLater(r, actualUsd);
        }
        giveBack(r, Nanos.up(r.amountUsd()), Nanos.up(actualUsd), null);
        return NO_TOTALS;
    }

    @Override
    public void release(Reservation r) {
        if (!isLocal(r)) {
            redis.release(r);
            return;
        }
        giveBack(r, Nanos.up(r.amountUsd()), 0, null);
    }

    /** Takes a settled (or released, {@code actual} 0) call off its leases; {@code settle}, if any, hears the totals. */
    private void giveBack(Reservation r, long amount, long actual, LocalSettle settle) {
        lock.lock();
        try {
            for (int i = 0; i < r.keys().size(); i++) {
                Lease l = find(r.keys().get(i), r.at());
                if (l == null) {
                    throw new IllegalStateException("no lease for " + r.keys().get(i) + " holds reservation " + r.id());
                }
                l.inFlight -= amount;
                l.unbooked += actual;
                if (settle != null) {
                    l.bookings.add(new Lease.Booking(settle, i, actual));
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private Lease find(BudgetKey key, Instant at) {
        Lease l = current.get(key);
        if (l != null && l.covers(at)) {
            return l;
        }
        for (Lease old : retired) {
            if (old.key.equals(key) && old.covers(at)) {
                return old;
            }
        }
        return null;
    }

    private List<Lease> leasesOf(Reservation r) {
        List<Lease> out = new ArrayList<>();
        for (BudgetKey k : r.keys()) {
            Lease l = find(k, r.at());
            if (l != null) {
                out.add(l);
            }
        }
        return out;
    }

    /** Books this replica's unbooked spend of the key first, so the totals include every call it settled. */
    @Override
    public WindowTotals totals(BudgetKey key, Instant at) {
        Lease l = find(key, at);
        if (l != null) {
            keeper.renewNow(List.of(l));
        }
        return redis.totals(key, at);
    }

    @Override
    public Set<String> valuesSeen(BudgetKey key, Instant at) {
        return redis.valuesSeen(key, at);
    }

    /** Renews every lease that is due now (what the keeper does every few milliseconds); for tests. */
    void renewAll() {
        keeper.renewDue(true);
    }

    /** Every lease, current and retired. */
    List<Lease> leases() {
        List<Lease> all = new ArrayList<>(current.values());
        all.addAll(retired);
        return all;
    }

    /** Forgets a lease that holds nothing any more (called by the keeper under the lock). */
    void drop(Lease l) {
        current.remove(l.key, l);
        retired.remove(l);
    }

    Instant now() {
        return clock.instant();
    }

    private static boolean isLocal(Reservation r) {
        return r.id().startsWith(LOCAL);
    }

    private static boolean hasDuplicates(List<BudgetKey> keys) {
        for (int i = 1; i < keys.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (keys.get(i).equals(keys.get(j))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Gives every lease's room back and books what is unbooked, then closes the Redis counters. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        keeper.stopAndReturnAll();
        redis.close();
    }
}
