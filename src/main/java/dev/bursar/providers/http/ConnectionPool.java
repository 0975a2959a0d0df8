package dev.bursar.providers.http;

import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One {@link HostPool} per scheme, host and port. A shared daemon sweeper closes connections that sat idle past
 * the idle timeout, so a host that is no longer called does not keep sockets open; it holds the pool weakly, so a
 * forgotten client is still collected.
 */
final class ConnectionPool implements AutoCloseable {

    private static final ScheduledExecutorService SWEEPER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bursar-http1-idle-sweeper");
        t.setDaemon(true);
        return t;
    });

    private final ConcurrentHashMap<PoolKey, HostPool> hosts = new ConcurrentHashMap<>();
    private final int maxPerHost;
    private final long idleNanos;
    private final ScheduledFuture<?> sweep;

    ConnectionPool(int maxPerHost, long idleNanos) {
        this.maxPerHost = maxPerHost;
        this.idleNanos = idleNanos;
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(100), idleNanos / 2);
        this.sweep = SWEEPER.scheduleWithFixedDelay(new Sweep(new WeakReference<>(this)), period, period, TimeUnit.NANOSECONDS);
    }

    HostPool forKey(PoolKey key) {
        HostPool pool = hosts.get(key);
        return pool != null ? pool : hosts.computeIfAbsent(key, k -> new HostPool(k, maxPerHost, idleNanos));
    }

    void evictIdle() {
        hosts.values().forEach(HostPool::evictIdle);
    }

    @Override
    public void close() {
        sweep.cancel(false);
        hosts.values().forEach(HostPool::closeIdle);
    }

    /** Holds the pool weakly: once the client is unreachable, the task cancels itself by throwing. */
    private record Sweep(WeakReference<ConnectionPool> pool) implements Runnable {
        @Override
        public void run() {
            ConnectionPool p = pool.get();
            if (p == null) {
                throw new IllegalStateException("pool collected; stop sweeping");
            }
            p.evictIdle();
        }
    }
}
