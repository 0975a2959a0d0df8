package dev.bursar.providers.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Enforces read deadlines by closing the socket of a read that outlives its deadline. Upstream reads are untimed
 * socket reads instead: a timed read of a virtual thread arms and cancels a scheduler timer every time, which woke
 * the scheduler's timer thread twice per read and cost about a tenth of the gateway's CPU (bench/README.md).
 * Deadlines are checked every {@link #PERIOD_MILLIS} ms, so a timeout fires up to that much late.
 */
final class ReadWatchdog {

    static final int PERIOD_MILLIS = 10;

    /** A read in progress: {@link #readDeadlineNanos()} passed means {@link #expire()} it. */
    interface Watched {
        long readDeadlineNanos();

        void expire();
    }

    private static final Set<Watched> READING = ConcurrentHashMap.newKeySet();

    static {
        Thread.ofPlatform().daemon().name("bursar-read-watchdog").start(ReadWatchdog::run);
    }

    private ReadWatchdog() {
    }

    static void reading(Watched w) {
        READING.add(w);
    }

    static void done(Watched w) {
        READING.remove(w);
    }

    private static void run() {
        while (true) {
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Watched w : READING) {
                if (now - w.readDeadlineNanos() > 0) {
                    READING.remove(w);
                    w.expire();
                }
            }
        }
    }
}
