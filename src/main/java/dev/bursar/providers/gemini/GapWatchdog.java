package dev.bursar.providers.gemini;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the gap between two stream events: if {@link #reset} is not called within the timeout, the upstream body
 * is closed, which unblocks the reading thread; {@link #fired} then tells the reader it was a timeout.
 */
final class GapWatchdog implements AutoCloseable {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bursar-stream-gap-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final Duration timeout;
    private final Closeable upstream;
    private volatile boolean fired;
    private ScheduledFuture<?> pending;

    GapWatchdog(Duration timeout, Closeable upstream) {
        this.timeout = timeout;
        this.upstream = upstream;
        reset();
    }

    synchronized void reset() {
        if (pending != null) {
            pending.cancel(false);
        }
        pending = TIMER.schedule(this::fire, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void fire() {
        fired = true;
        try {
            upstream.close();
        } catch (IOException ignored) {
            // the body is being abandoned either way
        }
    }

    boolean fired() {
        return fired;
    }

    @Override
    public synchronized void close() {
        if (pending != null) {
            pending.cancel(false);
        }
    }
}
