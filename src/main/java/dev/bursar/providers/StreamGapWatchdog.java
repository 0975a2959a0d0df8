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
 * Bounds a stream's events: the first within {@code first-token} of the attempt's start, each next within
 * {@code between-events} of the reader starting to wait for it, and all of them within the stream's {@code total}
 * (see {@link Timeouts}). Bounds the upstream silence between two stream events. A blocking read cannot be given a timeout, so when a wait
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
    private final long firstNanos;
    /** When the stream must be over: the attempt's start plus its total, or {@link Long#MAX_VALUE} for none. */
    private final long endNanos;
    private final Timeouts timeouts;
    private volatile boolean anyReceived;
    /** The phase that bounds the current wait, as {@link #expiry()} names it. */
    private volatile String phase = "";
    /** When the current wait expires; {@link #IDLE} between waits, {@link #FIRED} once the body was closed. */
    private final AtomicLong deadline = new AtomicLong(IDLE);
    private volatile boolean closed;
    private volatile ScheduledFuture<?> pending;

    private StreamGapWatchdog(ScheduledExecutorService timer, Closeable upstream, Timeouts timeouts, long startNanos,
                              boolean bounded) {
        this.timer = timer;
        this.upstream = upstream;
        this.timeouts = timeouts;
        this.gapNanos = Math.max(1, timeouts.betweenEvents().toNanos());
        this.firstNanos = startNanos + Math.max(1, timeouts.firstToken().toNanos());
        this.endNanos = bounded ? startNanos + Math.max(1, timeouts.streamTotal().toNanos()) : Long.MAX_VALUE;
    }

    /** Starts watching {@code upstream}, waiting from now: it is closed once a wait outlasts {@code gap}. */
    static StreamGapWatchdog watch(ScheduledExecutorService timer, Closeable upstream, Duration gap) {
        return start(new StreamGapWatchdog(timer, upstream, Timeouts.whole(gap), System.nanoTime(), false));
    }

    /** Starts watching {@code upstream} by {@code timeouts}, counted from {@code startNanos}. */
    static StreamGapWatchdog watch(ScheduledExecutorService timer, Closeable upstream, Timeouts timeouts, long startNanos) {
        return start(new StreamGapWatchdog(timer, upstream, timeouts, startNanos, true));
    }

    private static StreamGapWatchdog start(StreamGapWatchdog dog) {
        dog.waiting(); // whatever the reader does first (a stream or an error body), it waits on upstream
        dog.arm(Math.max(1, dog.deadline.get() - System.nanoTime()));
        return dog;
    }

    /**
     * The reader is about to wait for the next event: the first event is due by the attempt's first-token bound,
     * the next ones within the gap from now, and none after the stream's total.
     */
    public void waiting() {
        String why;
        long d;
        if (anyReceived) {
            d = System.nanoTime() + gapNanos;
            why = "no stream event within " + Timeouts.text(timeouts.betweenEvents()) + " (timeouts.between-events)";
        } else {
            d = firstNanos;
            why = "no first token within " + Timeouts.text(timeouts.firstToken()) + " (timeouts.first-token)";
        }
        if (endNanos - d < 0) {
            d = endNanos;
            why = "stream not complete within the total " + Timeouts.text(timeouts.streamTotal()) + " (timeouts.total)";
        }
        phase = why;
        long armed = d == IDLE || d == FIRED ? d + 2 : d;
        long prev = deadline.get();
        if (prev != FIRED) {
            deadline.compareAndSet(prev, armed);
        }
    }

    /** An event arrived; until the next {@link #waiting()} the clock is stopped. */
    public void received() {
        if (!anyReceived) {
            anyReceived = true;
            firstReceived();
        }
        long prev = deadline.get();
        if (prev != FIRED) {
            deadline.compareAndSet(prev, IDLE);
        }
    }

    /**
     * The pending check was set for the first event's bound; the gaps from now on may be shorter, so check again
     * within one gap. (Later deadlines only move forward, which a check re-armed for the time left follows.)
     */
    private void firstReceived() {
        ScheduledFuture<?> p = pending;
        if (p != null && p.getDelay(TimeUnit.NANOSECONDS) > gapNanos && p.cancel(false)) {
            arm(gapNanos);
        }
    }

    /** True when the watchdog closed the body because a wait outlasted the gap. */
    public boolean fired() {
        return deadline.get() == FIRED;
    }

    /** Which bound ran out, e.g. "no first token within 20s (timeouts.first-token)"; meaningful once {@link #fired()}. */
    public String expiry() {
        return phase;
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
