package dev.bursar.httpclient;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Enforces read deadlines by closing the socket of a read that outlives its deadline. Upstream reads are untimed
 * socket reads instead: a timed read of a virtual thread arms and cancels a scheduler timer every time, which woke
 * the scheduler's timer thread twice per read and cost about a tenth of the gateway's CPU (bench/README.md).
 * Deadlines are checked every {@link #PERIOD_MILLIS} ms, so a timeout fires up to that much late. One per
 * {@link Http1Client}: its thread starts with the client and ends when the client is closed.
 */
final class ReadWatchdog implements AutoCloseable {

    static final int PERIOD_MILLIS = 10;

    /** A read in progress: {@link #readDeadlineNanos()} passed means {@link #expire()} it. */
    interface Watched {
        long readDeadlineNanos();

        void expire();
    }

    private final Set<Watched> reading = ConcurrentHashMap.newKeySet();
    private final Ticker ticker;

    ReadWatchdog() {
        this.ticker = Ticker.start("bursar-read-watchdog", TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS), this,
                ReadWatchdog::expireOverdue);
    }

    void reading(Watched w) {
        reading.add(w);
    }

    void done(Watched w) {
        reading.remove(w);
    }

    private void expireOverdue() {
        long now = System.nanoTime();
        for (Watched w : reading) {
            if (now - w.readDeadlineNanos() > 0) {
                reading.remove(w);
                w.expire();
            }
        }
    }

    /** Stops watching; reads still in progress are no longer bounded (the client closing them is the caller's). */
    @Override
    public void close() {
        ticker.close();
    }
}
