package dev.bursar.providers.anthropic;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Bounds the wait for the next stream event. A blocking read cannot time out by itself, so a parked virtual
 * thread closes the upstream body when a wait outlasts the gap; the reader then fails and asks {@link #fired()}.
 * Re-arming costs one atomic write per event. Time spent sending to the client does not count against upstream.
 */
final class AnthropicProviderGapWatch implements AutoCloseable {

    private static final long IDLE = 0;
    private static final long FIRED = -1;

    private final long gapNanos;
    private final Closeable upstream;
    private final Thread thread;
    /** When the current wait expires, {@link #IDLE} between waits, {@link #FIRED} once the watch closed upstream. */
    private final AtomicLong deadline = new AtomicLong(IDLE);
    private volatile boolean closed;

    private AnthropicProviderGapWatch(Closeable upstream, Duration gap) {
        this.upstream = upstream;
        this.gapNanos = Math.max(1, gap.toNanos());
        this.thread = Thread.ofVirtual().name("anthropic-stream-gap-watch").unstarted(this::watch);
    }

    static AnthropicProviderGapWatch start(Closeable upstream, Duration gap) {
        AnthropicProviderGapWatch w = new AnthropicProviderGapWatch(upstream, gap);
        w.thread.start();
        return w;
    }

    /** Called right before waiting for the next event. */
    void waiting() {
        long d = System.nanoTime() + gapNanos;
        long armed = d == IDLE || d == FIRED ? d + 2 : d;
        long prev = deadline.get();
        if (prev != FIRED) {
            deadline.compareAndSet(prev, armed);
        }
        LockSupport.unpark(thread);
    }

    /** Called once an event arrived. */
    void arrived() {
        long prev = deadline.get();
        if (prev != FIRED) {
            deadline.compareAndSet(prev, IDLE);
        }
    }

    boolean fired() {
        return deadline.get() == FIRED;
    }

    Duration gap() {
        return Duration.ofNanos(gapNanos);
    }

    private void watch() {
        while (!closed) {
            long d = deadline.get();
            if (d == FIRED) {
                return;
            }
            long left = d == IDLE ? gapNanos : d - System.nanoTime();
            if (d == IDLE || left > 0) {
                LockSupport.parkNanos(left);
            } else if (deadline.compareAndSet(d, FIRED)) {
                closeUpstream();
                return;
            }
        }
    }

    private void closeUpstream() {
        try {
            upstream.close();
        } catch (IOException e) {
            // the reader fails either way; nothing else to do
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }
}
