package dev.bursar.providers.openai;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the silence between two stream events. A blocking read cannot be given a timeout, so when no event has
 * arrived for {@code gap} the watchdog closes the upstream body, which ends the blocked read; the reader then asks
 * {@link #fired()} to tell a timeout from a cut stream. One shared timer thread serves every stream, and an event
 * only costs two volatile writes: the check re-arms itself for the remaining time instead of on every event.
 */
final class GapWatchdog implements AutoCloseable {

    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final Closeable target;
    private final long gapNanos;
    private volatile long lastEventNanos;
    private volatile boolean waiting = true;
    private volatile boolean fired;
    private volatile boolean closed;
    private volatile ScheduledFuture<?> pending;

    private GapWatchdog(Closeable target, Duration gap) {
        this.target = target;
        this.gapNanos = gap.toNanos();
        this.lastEventNanos = System.nanoTime();
    }

    /** Starts watching: {@code target} is closed after {@code gap} while waiting. */
    static GapWatchdog watch(Closeable target, Duration gap) {
        GapWatchdog dog = new GapWatchdog(target, gap);
        dog.arm(dog.gapNanos);
        return dog;
    }

    /** The reader starts waiting for the next event: the gap is measured from now. */
    void waiting() {
        lastEventNanos = System.nanoTime();
        waiting = true;
    }

    /** An event arrived; time spent handing it to the client does not count as upstream silence. */
    void received() {
        waiting = false;
    }

    /** True when the watchdog closed the target because the gap was exceeded. */
    boolean fired() {
        return fired;
    }

    private void arm(long delayNanos) {
        if (!closed) {
            pending = TIMER.schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void check() {
        if (closed) {
            return;
        }
        long idle = System.nanoTime() - lastEventNanos;
        if (!waiting) {
            arm(gapNanos);
            return;
        }
        if (idle < gapNanos) {
            arm(gapNanos - idle);
            return;
        }
        fired = true;
        try {
            target.close();
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

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "bursar-stream-gap-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        t.setRemoveOnCancelPolicy(true);
        return t;
    }
}
