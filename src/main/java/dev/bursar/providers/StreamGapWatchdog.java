package dev.bursar.providers;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the upstream silence between two stream events. A blocking read cannot be given a timeout, so when a wait
 * outlasts the gap the watchdog closes the upstream body, which ends the blocked read; the reader then asks
 * {@link #fired()} to tell a timeout from a cut stream.
 *
 * <p>Only waits count: the reader calls {@link #waiting()} right before reading and {@link #received()} once an event
 * is in, so time spent handing events to a slow client is not upstream silence. Whether the event or the timer came
 * first is decided by one compare-and-set, so a watchdog that has fired never lets an event through and an event
 * that arrived in time never ends in a closed body. One {@link StreamGapTimer} serves every stream of a client; a
 * check re-arms itself for the time left rather than on every event, so an event costs two atomic writes.
 */
public final class StreamGapWatchdog implements AutoCloseable {

    private static final long IDLE = 0;
    private static final long FIRED = -1;

    private final ScheduledExecutorService timer;
    private final Closeable upstream;
    private final long gapNanos;
    /** When the current wait expires; {@link #IDLE} between waits, {@link #FIRED} once the body was closed. */
    private final AtomicLong deadline = new AtomicLong(IDLE);
    private volatile boolean closed;
    private volatile ScheduledFuture<?> pending;

    private StreamGapWatchdog(ScheduledExecutorService timer, Closeable upstream, Duration gap) {
        this.timer = timer;
        this.upstream = upstream;
        this.gapNanos = Math.max(1, gap.toNanos());
    }

    /** Starts watching {@code upstream}, waiting from now: it is closed once a wait outlasts {@code gap}. */
    static StreamGapWatchdog watch(ScheduledExecutorService timer, Closeable upstream, Duration gap) {
        StreamGapWatchdog dog = new StreamGapWatchdog(timer, upstream, gap);
        dog.waiting(); // whatever the reader does first (a stream or an error body), it waits on upstream
        dog.arm(dog.gapNanos);
        return dog;
    }

    /** The reader is about to wait for the next event: the gap is measured from now. */
    public void waiting() {
        long d = System.nanoTime() + gapNanos;
        long armed = d == IDLE || d == FIRED ? d + 2 : d;
        long prev = deadline.get();
        if (prev != FIRED) {
            deadline.compareAndSet(prev, armed);
        }
    }

    /** An event arrived; until the next {@link #waiting()} the clock is stopped. */
    public void received() {
        long prev = deadline.get();
        if (prev != FIRED) {
            deadline.compareAndSet(prev, IDLE);
        }
    }

    /** True when the watchdog closed the body because a wait outlasted the gap. */
    public boolean fired() {
        return deadline.get() == FIRED;
    }

    /** The longest allowed wait for one event. */
    public Duration gap() {
        return Duration.ofNanos(gapNanos);
    }

    private void arm(long delayNanos) {
        if (!closed) {
            try {
                pending = timer.schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException stopped) {
                // the client was closed (the gateway is stopping): the stream's gaps are no longer bounded
            }
        }
    }

    private void check() {
        while (!closed) {
            long d = deadline.get();
            if (d == FIRED) {
                return;
            }
            if (d == IDLE) {
                arm(gapNanos);
                return;
            }
            long left = d - System.nanoTime();
            if (left > 0) {
                arm(left);
                return;
            }
            if (deadline.compareAndSet(d, FIRED)) {
                closeUpstream();
                return;
            }
            // the reader moved the deadline meanwhile: look again
        }
    }

    private void closeUpstream() {
        try {
            upstream.close();
        } catch (IOException ignored) {
            // the reader fails either way, and fired() tells it why
        }
    }

    @Override
    public void close() {
        closed = true;
        ScheduledFuture<?> p = pending;
        if (p != null) {
            p.cancel(false);
        }
    }
}
