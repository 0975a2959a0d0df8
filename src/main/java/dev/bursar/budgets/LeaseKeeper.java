package dev.bursar.budgets;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Renews the leases of {@link LeasedBudgetCounters} from one background thread: every {@link LeasedBudgetCounters#BUSY_RENEWAL}
 * it sends one {@code lease.lua} call per lease that is due (all at once, one pipelined write), then applies the
 * replies: spend booked, new size, whether Redis still lets the lease admit calls.
 *
 * <p>The keeper is a virtual thread, and busy calls wake it when a renewal is due ({@link #poke}) rather than
 * leaving that to its timer alone: a timer or a platform thread hands work to the virtual-thread scheduler from
 * outside, and a saturated scheduler serves that last (renewals were seen 200 ms late under load, with every
 * settle of that time waiting in memory). The timer still renews leases when no calls come.
 *
 * <p>How much room a lease asks for: enough for about four renewal periods of its recent calls' worst cases, and at
 * least eight of its largest call, so that in steady traffic the room never runs out between renewals. A lease that
 * was asked to give its room back asks for none for {@link #COOL_DOWN}, so the caller that asked gets it.
 */
final class LeaseKeeper {

    private static final System.Logger LOG = System.getLogger(LeaseKeeper.class.getName());
    /** A lease takes at most 1/SHARE of the room nobody else holds. */
    static final int SHARE = 4;
    static final Duration COOL_DOWN = Duration.ofMillis(250);

    private final LeasedBudgetCounters owner;
    private final RedisBudgetCounters redis;
    private final Clock clock;
    private final ReentrantLock lock;
    private final AtomicBoolean woken = new AtomicBoolean();
    private volatile boolean stopped;
    private volatile Thread thread;
    private volatile long lastFailureLogNanos;
    private volatile long lastRunNanos = System.nanoTime();

    LeaseKeeper(LeasedBudgetCounters owner, RedisBudgetCounters redis, Clock clock, ReentrantLock lock) {
        this.owner = owner;
        this.redis = redis;
        this.clock = clock;
        this.lock = lock;
    }

    void start() {
        thread = Thread.ofVirtual().name("bursar-budget-leases").start(this::run);
    }

    /** Called on every call's path: wakes the keeper when its leases are due for a renewal. */
    void poke(long nowNanos) {
        if (nowNanos - lastRunNanos >= LeasedBudgetCounters.BUSY_RENEWAL.toNanos()) {
            wake();
        }
    }

    /** A new lease wants its first room now rather than at the next tick. */
    void wake() {
        Thread t = thread;
        if (t != null && woken.compareAndSet(false, true)) {
            LockSupport.unpark(t);
        }
    }

    private void run() {
        while (!stopped) {
            LockSupport.parkNanos(LeasedBudgetCounters.BUSY_RENEWAL.toNanos());
            woken.set(false);
            lastRunNanos = System.nanoTime();
            try {
                renewDue(false);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "budget lease renewal failed (a Bursar bug, please report)", e);
            }
        }
    }

    /** Renews the leases that are due (all of them with {@code all}) and forgets those that hold nothing any more. */
    void renewDue(boolean all) {
        long now = System.nanoTime();
        Instant wall = clock.instant();
        List<Renewal> due = new ArrayList<>();
        lock.lock();
        try {
            for (Lease l : owner.leases()) {
                if (l.renewing) {
                    continue;
                }
                if (l.empty() && (idle(l, now) || l.over(wall) || stopped)) {
                    owner.drop(l);
                } else if (all || isDue(l, now)) {
                    due.add(begin(l, now, wall));
                }
            }
        } finally {
            lock.unlock();
        }
        due.forEach(Renewal::send);
        for (Renewal r : due) {
            try {
                r.finish();
            } catch (RuntimeException e) {
                logFailure(e);
            }
        }
    }

    /** Renews these leases now, on the caller's thread (after a renewal already on its way); fails when Redis does. */
    void renewNow(List<Lease> leases) {
        for (Lease l : leases) {
            while (true) {
                Renewal r = null;
                lock.lock();
                try {
                    if (!l.renewing) {
                        r = begin(l, System.nanoTime(), clock.instant());
                    }
                } finally {
                    lock.unlock();
                }
                if (r != null) {
                    r.send();
                    r.finish();
                    break;
                }
                LockSupport.parkNanos(100_000);
            }
        }
    }

    /** Stops the thread, then books every lease's spend and gives its room back (best effort: Redis may be gone). */
    void stopAndReturnAll() {
        stopped = true;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(Duration.ofSeconds(3));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        renewDue(true);
    }

    private static boolean idle(Lease l, long now) {
        return now - l.lastCallNanos >= LeasedBudgetCounters.IDLE.toNanos();
    }

    private static boolean isDue(Lease l, long now) {
        long since = now - l.lastRenewalNanos;
        boolean busy = l.demand > 0 || l.unbooked > 0 || !l.bookings.isEmpty() || l.broken;
        if (busy) {
            return since >= LeasedBudgetCounters.BUSY_RENEWAL.toNanos();
        }
        return l.size > 0 && since >= LeasedBudgetCounters.QUIET_RENEWAL.toNanos();
    }

    /** Takes what a renewal of {@code l} sends, under the lock; no call is admitted from it until {@link Renewal#finish}. */
    private Renewal begin(Lease l, long now, Instant wall) {
        boolean wantsRoom = l.key.hard() && !stopped && !idle(l, now) && !l.over(wall) && now >= l.coolUntilNanos;
        if (idle(l, now)) {
            l.largestCall = 0;
        }
        l.recentDemand = Math.max(l.demand, l.recentDemand / 2);
        long floor = l.inFlight;
        long room = wantsRoom ? Math.max(8 * l.largestCall, 4 * l.recentDemand) : 0;
        // Calls keep being admitted from the room the lease holds while the renewal is on its way, up to what it keeps.
        long free = l.active && !l.broken ? Math.max(0, l.size - l.inFlight - l.unbooked) : 0;
        long keep = l.key.hard() ? Math.min(free, room) : 0;
        Renewal r = new Renewal(l, l.unbooked, floor, keep, floor + room, Math.max(1, 2 * l.largestCall), l.bookings);
        l.flightCap = l.inFlight + l.unbooked + keep;
        l.bookings = new ArrayList<>();
        l.demand = 0;
        l.renewing = true;
        l.lastRenewalNanos = now;
        return r;
    }

    private void logFailure(RuntimeException e) {
        long now = System.nanoTime();
        if (now - lastFailureLogNanos > Duration.ofMinutes(1).toNanos()) {
            lastFailureLogNanos = now;
            LOG.log(Level.WARNING, "budget leases cannot be renewed (calls are checked in Redis one by one meanwhile): "
                    + e.getMessage());
        }
    }

    /** One lease renewal: what was taken from the lease, then Redis's answer applied to it. */
    private final class Renewal {
        private final Lease lease;
        private final long book;
        private final long floor;
        private final long keep;
        private final long want;
        private final long useful;
        private final List<Lease.Booking> bookings;
        private CompletableFuture<RedisBudgetCounters.LeaseReply> reply;

        Renewal(Lease lease, long book, long floor, long keep, long want, long useful, List<Lease.Booking> bookings) {
            this.lease = lease;
            this.book = book;
            this.floor = floor;
            this.keep = keep;
            this.want = want;
            this.useful = useful;
            this.bookings = bookings;
        }

        void send() {
            try {
                reply = redis.renew(lease, book, floor, keep, want, useful, SHARE, LeasedBudgetCounters.LEASE_TTL);
            } catch (RuntimeException e) {
                reply = CompletableFuture.failedFuture(e);
            }
        }

        /** Waits for Redis and applies its answer; on failure the lease keeps its spend to book and admits nothing. */
        void finish() {
            RedisBudgetCounters.LeaseReply r;
            try {
                r = reply.join();
            } catch (CompletionException e) {
                failed();
                throw dev.bursar.redis.RedisPipe.unwrap(e);
            }
            lock.lock();
            try {
                lease.unbooked -= book;
                lease.size = r.size();
                lease.active = r.active();
                lease.broken = false;
                lease.renewing = false;
                if (r.revoked()) {
                    lease.coolUntilNanos = System.nanoTime() + COOL_DOWN.toNanos();
                }
            } finally {
                lock.unlock();
            }
            complete(r);
        }

        /** Each settle booked by this renewal gets the window's spend just after its own call, in order. */
        private void complete(RedisBudgetCounters.LeaseReply r) {
            if (bookings.isEmpty()) {
                return;
            }
            WindowInstance window = lease.key.window().instance(lease.cells.getLast().from());
            long spent = r.spentBefore();
            for (Lease.Booking b : bookings) {
                spent += b.actual();
                b.settle().booked(b.index(), new WindowTotals(lease.key, window, Nanos.usd(spent), Nanos.usd(r.reserved())));
            }
        }

        private void failed() {
            lock.lock();
            try {
                lease.renewing = false;
                lease.broken = true;
                lease.bookings.addAll(0, bookings);
            } finally {
                lock.unlock();
            }
        }
    }
}
