package dev.bursar.httpclient;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One {@link HostPool} per scheme, host and port. Its sweeper thread closes connections that sat idle past the
 * idle timeout, so a host that is no longer called does not keep sockets open; the thread starts with the pool and
 * ends when it is closed (or collected, for a client dropped without closing).
 */
final class ConnectionPool implements AutoCloseable {

    private final ConcurrentHashMap<PoolKey, HostPool> hosts = new ConcurrentHashMap<>();
    private final int maxPerHost;
    private final long idleNanos;
    private final Ticker sweeper;

    ConnectionPool(int maxPerHost, long idleNanos) {
        this.maxPerHost = maxPerHost;
        this.idleNanos = idleNanos;
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(100), idleNanos / 2);
        this.sweeper = Ticker.start("bursar-http1-idle-sweeper", period, this, ConnectionPool::evictIdle);
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
        sweeper.close();
        hosts.values().forEach(HostPool::closeIdle);
    }
}
