package dev.bursar.httpclient;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The connections to one scheme, host and port: at most {@code max} open, idle ones reused last-in first-out (the
 * warmest socket first; the coldest age out). A lock, not {@code synchronized}, so a waiting virtual thread never
 * pins its carrier; sockets are opened and closed outside the lock.
 */
final class HostPool {

    /** Opens a new connection once a slot is reserved for it. */
    interface Opener {
        Connection open() throws IOException;
    }

    private final PoolKey key;
    private final int max;
    private final long idleNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    /** Head = most recently returned. */
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    /** Idle, lent out, or being opened. */
    private int open;

    HostPool(PoolKey key, int max, long idleNanos) {
        this.key = key;
        this.max = max;
        this.idleNanos = idleNanos;
    }

    /**
     * A pooled connection, or a new one from {@code opener}. {@code fresh} skips the idle ones (a retry after a stale
     * one failed). Waits for a free slot until {@code deadlineNanos}.
     */
    Connection acquire(long deadlineNanos, boolean fresh, Opener opener) throws IOException {
        List<Connection> dropped = new ArrayList<>(0);
        lock.lock();
        try {
            while (true) {
                Connection pooled = fresh ? null : takeIdle(dropped);
                if (pooled != null) {
                    return pooled;
                }
                if (open < max) {
                    open++;
                    break;
                }
                if (fresh && !idle.isEmpty()) {
                    // Retire the coldest idle connection; its slot goes to the fresh one.
                    dropped.add(idle.pollLast());
                    break;
                }
                awaitFreed(deadlineNanos);
            }
        } finally {
            lock.unlock();
            closeAll(dropped);
        }
        try {
            return opener.open();
        } catch (IOException | RuntimeException | Error e) {
            release(null, false);
            throw e;
        }
    }

    private void awaitFreed(long deadlineNanos) throws IOException {
        long left = deadlineNanos == ConnectionInput.NO_DEADLINE ? Long.MAX_VALUE : deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException("all " + max + " connections to " + key + " stayed busy");
        }
        try {
            freed.awaitNanos(left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a connection to " + key);
        }
    }

    /**
     * Takes back a connection. {@code reusable}: its last response was read to the end and allows keep-alive; else
     * it is closed. {@code null} gives back a slot whose connection never opened.
     */
    void release(Connection c, boolean reusable) {
        lock.lock();
        try {
            if (c != null && reusable) {
                c.markIdle(System.nanoTime());
                idle.addFirst(c);
            } else {
                open--;
            }
            freed.signal();
        } finally {
            lock.unlock();
        }
        if (c != null && !reusable) {
            c.close();
        }
    }

    /** Closes idle connections past the idle timeout (run by the pool's sweeper). */
    void evictIdle() {
        List<Connection> dropped = new ArrayList<>(0);
        lock.lock();
        try {
            long now = System.nanoTime();
            while (!idle.isEmpty() && idle.peekLast().idleLongerThan(idleNanos, now)) {
                dropped.add(idle.pollLast());
                open--;
            }
            if (!dropped.isEmpty()) {
                freed.signalAll();
            }
        } finally {
            lock.unlock();
        }
        closeAll(dropped);
    }

    void closeIdle() {
        List<Connection> dropped;
        lock.lock();
        try {
            dropped = new ArrayList<>(idle);
            open -= idle.size();
            idle.clear();
            freed.signalAll();
        } finally {
            lock.unlock();
        }
        closeAll(dropped);
    }

    int openConnections() {
        lock.lock();
        try {
            return open;
        } finally {
            lock.unlock();
        }
    }

    private Connection takeIdle(List<Connection> dropped) {
        long now = System.nanoTime();
        Connection c;
        while ((c = idle.pollFirst()) != null) {
            if (!c.idleLongerThan(idleNanos, now)) {
                return c;
            }
            dropped.add(c);
            open--;
        }
        return null;
    }

    private static void closeAll(List<Connection> dropped) {
        for (Connection c : dropped) {
            c.close();
        }
    }
}
