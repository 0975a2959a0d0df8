package dev.bursar.ratelimits;

import dev.bursar.config.RedisConfig;
import dev.bursar.redis.RedisPipe;
import dev.bursar.redis.RedisUnavailable;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Redis counters ({@link RedisRateLimiter}, which does all the talking to Redis) with most calls counted in process:
 * each replica leases a chunk of a counter's current slot from Redis and hands it out itself, so a busy counter costs
 * a few script calls a second instead of one or two per call, and limits still hold across any number of replicas.
 *
 * <p>A call whose counters all hold a chunk for the current slot with a request and its tokens left is admitted
 * here, at once. Any other call is admitted by Redis exactly as {@link RedisRateLimiter} does (so near a limit
 * refusals are exact against what Redis counts, chunks included), and its counters that lacked a chunk ask for one
 * without the call waiting (at most one ask in flight per counter). A grant is counted in its slot in Redis at once,
 * as if its calls were admitted then, which keeps {@link SlidingWindow}'s guarantee; what a chunk leaves unused is
 * given back to that slot when the slot ends, and a chunk is only used in its own slot.
 *
 * <p>Sizing (lease.lua): an ask is {@link #FIRST_ASK} calls, doubling with each grant in a slot up to
 * {@link #MAX_ASK} (a new slot starts at half the last ask), each with the tokens of the call that asked. Redis grants
 * at most 1/{@link #ROOM_SHARE} of the room left under the counter's tightest rpm and tpm, and nothing below
 * {@link #LEAST_GRANT} calls, so a counter within 32 calls of a limit (with a limit of 32 rpm or less: always) stays
 * exact, per call. What other replicas hold unused counts as used until they give it back: a replica may be refused
 * while another still holds up to 1/8 of the room, for at most the rest of the slot. Headers show the newest totals
 * Redis reported (at the last grant or a later per-call admission) minus what this replica holds unused.
 *
 * <p>Settling a permit of a slot whose chunk this replica still holds corrects the chunk (unused tokens go back to
 * it; overuse may take it below zero and is added to Redis with the give-back); others go to Redis as before. When
 * Redis fails, an ask just leaves its counter per call (failing open or closed as configured) until the next slot.
 */
public final class LeasedRateLimiter implements RateLimiter {

    static final int FIRST_ASK = 16;
    static final int MAX_ASK = 4096;
    static final int ROOM_SHARE = 8;
    static final int LEAST_GRANT = 4;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
    private static final long SWEEP_EVERY_MILLIS = 20;
    private static final System.Logger LOG = System.getLogger(LeasedRateLimiter.class.getName());

    private final RedisRateLimiter redis;
    private final Clock clock;
    private final Chunks chunks = new Chunks(this::giveBack);
    /**
     * Held from leaving a slot's chunks to sending what follows, so Redis gets their give-backs before the admissions
     * of the new slot (an admission first would count the old chunks as used and could refuse a call that fits).
     * Only the calls that go to Redis anyway take it, never those a chunk serves.
     */
    private final ReentrantLock sendOrder = new ReentrantLock();
    /** Asks and give-backs Redis has not answered yet, which close() waits for. */
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean loggedScriptFailure = new AtomicBoolean();
    private final Thread sweeper;

    /** Shares a connection the caller owns (and closes after closing this), e.g. with the budget counters. */
    public LeasedRateLimiter(RedisPipe client, String keyPrefix, boolean failOpen) {
        this(new RedisRateLimiter(client, keyPrefix, failOpen), Clock.systemUTC());
    }

    /** Own connection to {@code config.url()}. */
    public LeasedRateLimiter(RedisConfig config, boolean failOpen) {
        this(new RedisRateLimiter(config, failOpen), Clock.systemUTC());
    }

    /** Counts through {@code redis} (closed with this); {@code clock} says when slots end, as the callers' clock does. */
    LeasedRateLimiter(RedisRateLimiter redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
        this.sweeper = Thread.ofVirtual().name("bursar-ratelimit-chunks").start(this::giveBackEndedSlots);
    }

    @Override
    public Verdict take(List<String> counters, List<LimitCheck> checks, long tokens, long nowMillis) {
        try {
            return takeLater(counters, checks, tokens, nowMillis).join();
        } catch (CompletionException e) {
            throw RedisPipe.unwrap(e);
        }
    }

    @Override
    public Verdict.Admitted takeAtOnce(List<String> counters, long tokens, long nowMillis) {
        return chunks.take(counters, tokens, SlidingWindow.slotAt(nowMillis));
    }

    @Override
    public CompletableFuture<Verdict> takeLater(List<String> counters, List<LimitCheck> checks, long tokens, long nowMillis) {
        long slot = SlidingWindow.slotAt(nowMillis);
        Verdict.Admitted local = chunks.take(counters, tokens, slot);
        if (local != null) {
            return CompletableFuture.completedFuture(local);
        }
        Chunks.Miss miss;
        CompletableFuture<Verdict> perCall;
        sendOrder.lock();
        try {
            miss = chunks.missed(counters, checks, tokens, slot);
            perCall = miss.earlierAsks().isEmpty()
                    ? redis.takeLater(counters, checks, tokens, nowMillis)
                    : CompletableFuture.allOf(miss.earlierAsks().toArray(CompletableFuture[]::new))
                            .thenCompose(answered -> redis.takeLater(counters, checks, tokens, nowMillis));
        } finally {
            sendOrder.unlock();
        }
        // The asks go after the admission, so the call does not wait behind them in Redis.
        miss.asks().forEach(this::ask);
        return perCall.thenApply(v -> afterPerCall(v, counters, tokens, slot));
    }

    /**
     * A refusal can come after a grant Redis counted before it: replies complete in order, so that grant is in the
     * chunks by now, and the call may have it (otherwise the chunk's calls would be refused while it sat unused).
     */
    private Verdict afterPerCall(Verdict verdict, List<String> counters, long tokens, long slot) {
        return switch (verdict) {
            case Verdict.Refused refused -> chunks.take(counters, tokens, slot) instanceof Verdict.Admitted late ? late : refused;
            case Verdict.Admitted admitted -> {
                chunks.admittedPerCall(counters, admitted);
                yield admitted;
            }
            case Verdict.Uncounted uncounted -> uncounted;
        };
    }

    @Override
    public void adjust(Taken taken, long deltaTokens, long nowMillis) {
        if (deltaTokens == 0) {
            return;
        }
        List<String> remote = chunks.adjust(taken, deltaTokens);
        if (!remote.isEmpty()) {
            track(redis.correct(remote, taken.slot(), 0, deltaTokens, nowMillis));
        }
    }

    /** Gives back every chunk and waits (a bounded time) for Redis to have taken them, then closes the counters. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        sweeper.interrupt();
        chunks.close();
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        // Grants answered after close() are given straight back, adding to inFlight: wait until it stays empty.
        while (!inFlight.isEmpty() && System.nanoTime() - deadline < 0) {
            try {
                CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
                        .get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                // answered with a failure, or not in time: the loop condition decides
            }
        }
        redis.close();
    }

    /** Script calls sent to Redis so far, for tests that count round trips. */
    long scriptCalls() {
        return redis.scriptCalls();
    }

    /** The grant goes into the chunks on the connection's reader thread: a short lock, and at most a give-back sent. */
    private void ask(Chunks.Ask ask) {
        track(redis.lease(ask).handle((grant, error) -> {
            if (error == null) {
                chunks.granted(ask, grant);
            } else {
                chunks.notGranted(ask);
                if (!(RedisPipe.unwrap(error) instanceof RedisUnavailable)
                        && loggedScriptFailure.compareAndSet(false, true)) {
                    LOG.log(Level.WARNING, "rate limits: leasing a chunk failed; calls are counted one by one in Redis", error);
                }
            }
            return null;
        }));
    }

    private void giveBack(Chunks.GiveBack unused) {
        track(redis.correct(List.of(unused.counter()), unused.slot(), -unused.requests(), -unused.tokens(), clock.millis()));
    }

    private void track(CompletableFuture<?> reply) {
        if (!reply.isDone()) {
            inFlight.add(reply);
            reply.whenComplete((ignored, error) -> inFlight.remove(reply));
        }
    }

    /** Gives back, soon after each slot ends, the chunks of counters no call has touched since. */
    private void giveBackEndedSlots() {
        long swept = SlidingWindow.slotAt(clock.millis());
        while (!closed.get()) {
            try {
                Thread.sleep(SWEEP_EVERY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long slot = SlidingWindow.slotAt(clock.millis());
            if (slot > swept) {
                swept = slot;
                sendOrder.lock();
                try {
                    chunks.rollTo(slot);
                } finally {
                    sendOrder.unlock();
                }
            }
        }
    }
}
