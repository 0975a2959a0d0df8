package dev.bursar.providers;

import java.io.Closeable;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one timer thread behind every {@link StreamGapWatchdog} of an {@link UpstreamHttp}: created with the client,
 * stopped when it is closed. The thread only lives while some stream is watched (it ends after a second without
 * work), so a client dropped without closing holds no thread either.
 */
public final class StreamGapTimer implements AutoCloseable {

    private final ScheduledThreadPoolExecutor timer;

    public StreamGapTimer() {
        timer = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("bursar-stream-gap-watchdog").factory());
        timer.setRemoveOnCancelPolicy(true);
        timer.setKeepAliveTime(1, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
    }

    /** Starts watching {@code upstream}, waiting from now: it is closed once a wait outlasts {@code gap}. */
    public StreamGapWatchdog watch(Closeable upstream, Duration gap) {
        return StreamGapWatchdog.watch(timer, upstream, gap);
    }

    /** Starts watching {@code upstream} by {@code timeouts}, counted from {@code startNanos}. */
    public StreamGapWatchdog watch(Closeable upstream, Timeouts timeouts, long startNanos) {
        return StreamGapWatchdog.watch(timer, upstream, timeouts, startNanos);
    }

    /** Stops the thread; streams still open are no longer bounded by their gap. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
