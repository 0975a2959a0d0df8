package dev.bursar.ratelimits;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Remembers that Redis just failed: pauses calls to it briefly and logs the outage at most once a minute. */
final class StoreOutage {

    private static final System.Logger LOG = System.getLogger(StoreOutage.class.getName());
    private static final long LOG_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    private final long pauseNanos;
    private volatile long pauseUntil;
    private volatile boolean down;
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    StoreOutage(Duration pause) {
        this.pauseNanos = pause.toNanos();
    }

    boolean pausing() {
        return down && System.nanoTime() - pauseUntil < 0;
    }

    void failed(Exception e) {
        long now = System.nanoTime();
        pauseUntil = now + pauseNanos;
        down = true;
        long last = lastLogged.get();
        if (now - last >= LOG_EVERY_NANOS && lastLogged.compareAndSet(last, now)) {
            LOG.log(Level.WARNING, "rate limits: Redis unreachable (" + e.getMessage() + "); calls are not rate-limited "
                    + "(or refused, when configured to fail closed) until it answers again; next warning in a minute at most");
        }
    }

    void recovered() {
        if (down) {
            down = false;
        }
    }

}
