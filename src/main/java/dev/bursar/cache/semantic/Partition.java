package dev.bursar.cache.semantic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;

/**
 * The entries of one scope and one exact part: the only entries a query of that scope and exact part is compared
 * with. Chunks of vectors with their graphs, oldest first; finds share a read lock, adds and removals take the write
 * lock (an add is one graph insertion, a fraction of a millisecond).
 */
final class Partition {

    /** One cached query: what it answers with, until when, what the guard compares, where its vector lives. */
    static final class Entry {
        final long id;
        final Partition partition;
        final String answerKey;
        final long expiresAtMillis;
        final NearMissGuard.Details details;
        VectorChunk<Entry> chunk;
        int ord;

        Entry(long id, Partition partition, String answerKey, long expiresAtMillis, NearMissGuard.Details details) {
            this.id = id;
            this.partition = partition;
            this.answerKey = answerKey;
            this.expiresAtMillis = expiresAtMillis;
            this.details = details;
        }
    }

    final String scope;
    final String key;
    private final int dimensions;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final List<VectorChunk<Entry>> chunks = new ArrayList<>();
    private int live;
    /** Set once the partition emptied and left the index; an add that finds it set starts a new one. */
    private boolean removed;

    Partition(String scope, String key, int dimensions) {
        this.scope = scope;
        this.key = key;
        this.dimensions = dimensions;
    }

    /** Adds the entry, unless this partition already left the index (then the caller looks again). */
    boolean add(Entry entry, float[] vector) {
        lock.writeLock().lock();
        try {
            if (removed) {
                return false;
            }
            VectorChunk<Entry> newest = chunks.isEmpty() ? null : chunks.get(chunks.size() - 1);
            if (newest == null || newest.full()) {
                newest = new VectorChunk<>(dimensions);
                chunks.add(newest);
            }
            entry.chunk = newest;
            entry.ord = newest.add(vector, entry);
            live++;
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Puts {@code fresh} in the place of {@code old} (the same query added again): same vector, so no new graph node.
     * False when {@code old} is gone meanwhile.
     */
    boolean replace(Entry old, Entry fresh) {
        lock.writeLock().lock();
        try {
            if (removed || !old.chunk.replace(old.ord, old, fresh)) {
                return false;
            }
            fresh.chunk = old.chunk;
            fresh.ord = old.ord;
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Forgets the entry; returns true when the partition is now empty and has left the index. */
    boolean remove(Entry entry) {
        lock.writeLock().lock();
        try {
            if (entry.chunk.remove(entry.ord, entry)) {
                live--;
            }
            // chunks empty out oldest first; an empty one is dropped, the newest too once nothing is left
            VectorChunk<Entry> newest = chunks.get(chunks.size() - 1);
            chunks.removeIf(c -> c.live() == 0 && (c != newest || live == 0));
            if (live == 0) {
                removed = true;
            }
            return removed;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The k nearest entries of every chunk, with their similarity. */
    void nearest(float[] query, int k, BiConsumer<Entry, Float> out) {
        lock.readLock().lock();
        try {
            for (VectorChunk<Entry> chunk : chunks) {
                chunk.nearest(query, k, out);
            }
        } finally {
            lock.readLock().unlock();
        }
    }
}
