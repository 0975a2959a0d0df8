package dev.bursar.resilience;

import dev.bursar.config.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One provider's circuit. Closed: every call goes through and its outcome is counted in a sliding window; once the
 * window holds at least {@code min-calls} outcomes and {@code failure-rate} percent of them are failures, the circuit
 * opens. Open: calls are refused for {@code open-for}. Then half-open: one trial call at a time; its success closes
 * the circuit (with an empty window), its failure opens it again for another {@code open-for}.
 *
 * <p>Asked on every attempt, so {@link #tryCall} reads one volatile field and takes no lock while the circuit is
 * closed (the common case). Outcomes update the window under a {@link ReentrantLock} (not {@code synchronized}, which
 * would pin a virtual thread) for a few array writes. Time comes from the injected clock only.
 */
public final class CircuitBreaker {

    /** The window is kept as this many buckets, so it slides in steps of a tenth of its length. */
    static final int BUCKETS = 10;

    private final String provider;
    private final CircuitBreakerConfig config;
    private final Clock clock;
    private final long bucketMillis;
    private final long[] bucketIndex = new long[BUCKETS];
    private final int[] calls = new int[BUCKETS];
    private final int[] failures = new int[BUCKETS];
    private final ReentrantLock lock = new ReentrantLock();

    /** State and deadlines, replaced whole under the lock and read without it. */
    private volatile Phase phase = Phase.CLOSED;

    private record Phase(CircuitState state, long openUntilMillis, long trialSinceMillis) {
        static final Phase CLOSED = new Phase(CircuitState.CLOSED, 0, 0);
        static final long NO_TRIAL = Long.MIN_VALUE;
    }

    public CircuitBreaker(String provider, CircuitBreakerConfig config, Clock clock) {
        this.provider = provider;
        this.config = config;
        this.clock = clock;
        this.bucketMillis = Math.max(1, config.window().toMillis() / BUCKETS);
        java.util.Arrays.fill(bucketIndex, -1);
    }

    public String provider() {
        return provider;
    }

    /** Is this provider callable now? The answer must be given back to {@link #record} with the call's outcome. */
    public CallPermission tryCall() {
        Phase p = phase;
        if (p.state() == CircuitState.CLOSED) {
            return CallPermission.NORMAL;
        }
        long now = clock.millis();
        if (p.state() == CircuitState.OPEN && now < p.openUntilMillis()) {
            return new CallPermission.Refused(provider, Instant.ofEpochMilli(p.openUntilMillis()));
        }
        lock.lock();
        try {
            p = phase;
            if (p.state() == CircuitState.CLOSED) {
                return CallPermission.NORMAL;
            }
            if (p.state() == CircuitState.OPEN && now < p.openUntilMillis()) {
                return new CallPermission.Refused(provider, Instant.ofEpochMilli(p.openUntilMillis()));
            }
            // Half-open. A trial that never reported back (its thread died) must not hold the circuit shut for ever:
            // after open-for it is forgotten and another call may try.
            boolean trialRunning = p.state() == CircuitState.HALF_OPEN && p.trialSinceMillis() != Phase.NO_TRIAL
                    && now - p.trialSinceMillis() < config.openFor().toMillis();
            if (trialRunning) {
                return new CallPermission.Refused(provider, Instant.ofEpochMilli(p.trialSinceMillis() + config.openFor().toMillis()));
            }
            phase = new Phase(CircuitState.HALF_OPEN, p.openUntilMillis(), now);
            return CallPermission.TRIAL;
        } finally {
            lock.unlock();
        }
    }

    /** The outcome of a call {@code permission} let through. Refused calls have no outcome and are not recorded. */
    public void record(CallPermission permission, CallOutcome outcome) {
        if (!(permission instanceof CallPermission.Allowed allowed)) {
            return;
        }
        if (outcome == CallOutcome.IGNORED && !allowed.trial()) {
            return;
        }
        long now = clock.millis();
        lock.lock();
        try {
            Phase p = phase;
            if (allowed.trial()) {
                if (p.state() != CircuitState.HALF_OPEN) {
                    return;
                }
                switch (outcome) {
                    case SUCCESS -> close();
                    case FAILURE -> open(now);
                    // The provider refused this request, which says nothing about its health: free the trial slot.
                    case IGNORED -> phase = new Phase(CircuitState.HALF_OPEN, p.openUntilMillis(), Phase.NO_TRIAL);
                }
                return;
            }
            if (p.state() != CircuitState.CLOSED) {
                // A call let through before the circuit opened: its news is older than the decision already taken.
                return;
            }
            int slot = slot(now);
            calls[slot]++;
            if (outcome == CallOutcome.FAILURE) {
                failures[slot]++;
                Counts c = counts(now);
                if (c.calls() >= config.minCalls() && c.failures() * 100L >= (long) config.failureRate() * c.calls()) {
                    open(now);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** What {@code /admin/providers} shows: the state as callers see it now, and the window's numbers. */
    public CircuitSnapshot snapshot() {
        long now = clock.millis();
        lock.lock();
        try {
            Phase p = phase;
            Counts c = counts(now);
            CircuitState state = p.state() == CircuitState.OPEN && now >= p.openUntilMillis() ? CircuitState.HALF_OPEN : p.state();
            Instant halfOpensAt = p.state() == CircuitState.OPEN && now < p.openUntilMillis()
                    ? Instant.ofEpochMilli(p.openUntilMillis()) : null;
            return new CircuitSnapshot(provider, state, c.calls(), c.failures(), halfOpensAt);
        } finally {
            lock.unlock();
        }
    }

    /** The state as callers see it now (an open circuit whose time is up is half-open), without a lock. */
    public CircuitState state() {
        Phase p = phase;
        return p.state() == CircuitState.OPEN && clock.millis() >= p.openUntilMillis() ? CircuitState.HALF_OPEN : p.state();
    }

    private void open(long now) {
        phase = new Phase(CircuitState.OPEN, now + config.openFor().toMillis(), Phase.NO_TRIAL);
    }

    private void close() {
        // A closed circuit starts from an empty window: the failures that opened it are already answered for.
        java.util.Arrays.fill(bucketIndex, -1);
        java.util.Arrays.fill(calls, 0);
        java.util.Arrays.fill(failures, 0);
        phase = Phase.CLOSED;
    }

    private record Counts(int calls, int failures) { }

    /** Under the lock: the bucket for {@code now}, emptied first if it last held an older period. */
    private int slot(long now) {
        long index = now / bucketMillis;
        int slot = (int) (index % BUCKETS);
        if (bucketIndex[slot] != index) {
            bucketIndex[slot] = index;
            calls[slot] = 0;
            failures[slot] = 0;
        }
        return slot;
    }

    /** Under the lock: the outcomes of the last {@link #BUCKETS} periods, the current one included. */
    private Counts counts(long now) {
        long index = now / bucketMillis;
        int total = 0;
        int failed = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (bucketIndex[i] > index - BUCKETS && bucketIndex[i] <= index) {
                total += calls[i];
                failed += failures[i];
            }
        }
        return new Counts(total, failed);
    }
}
