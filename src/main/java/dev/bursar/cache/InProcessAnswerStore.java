package dev.bursar.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;

/**
 * Answers kept in this process: at most {@code max-entries}, the least valuable evicted first (Caffeine's
 * W-TinyLFU), each for its own time to live.
 */
public final class InProcessAnswerStore implements AnswerStore {

    private record Kept(CachedAnswer answer, long ttlNanos) { }

    private final Cache<EntryKey, Kept> entries;

    public InProcessAnswerStore(int maxEntries) {
        this(maxEntries, Ticker.systemTicker());
    }

    /** With a ticker tests can move. */
    InProcessAnswerStore(int maxEntries, Ticker ticker) {
        this.entries = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .ticker(ticker)
                // Upkeep (eviction, expiry) on the calling thread: handed to the common pool it woke a thread per
                // write, which on a gateway's few cores cost more than the upkeep itself.
                .executor(Runnable::run)
                .expireAfter(new Expiry<EntryKey, Kept>() {
                    @Override
                    public long expireAfterCreate(EntryKey key, Kept value, long currentTime) {
                        return value.ttlNanos();
                    }

                    @Override
                    public long expireAfterUpdate(EntryKey key, Kept value, long currentTime, long currentDuration) {
                        return value.ttlNanos();
                    }

                    @Override
                    public long expireAfterRead(EntryKey key, Kept value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    @Override
    public Optional<CachedAnswer> get(EntryKey key) {
        Kept k = entries.getIfPresent(key);
        return k == null ? Optional.empty() : Optional.of(k.answer());
    }

    @Override
    public void put(EntryKey key, CachedAnswer answer, Duration ttl) {
        entries.put(key, new Kept(answer, ttl.toNanos()));
    }

    @Override
    public long purge(String customer) {
        long[] removed = {0};
        entries.asMap().keySet().removeIf(k -> {
            boolean match = customer == null || k.customer().equals(customer);
            removed[0] += match ? 1 : 0;
            return match;
        });
        return removed[0];
    }

    @Override
    public long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }

    @Override
    public String kind() {
        return "memory";
    }
}
