package dev.bursar.cache;

import java.time.Duration;
import java.util.Optional;

/** Where answers are kept: in process (bounded, {@link InProcessAnswerStore}) or in Redis for every replica. */
public interface AnswerStore extends AutoCloseable {

    /** The kept answer, or empty; a store that cannot be reached answers empty (the cache is bypassed, never an error). */
    Optional<CachedAnswer> get(EntryKey key);

    /** Keeps {@code answer} for {@code ttl}; a store that cannot be reached keeps nothing. */
    void put(EntryKey key, CachedAnswer answer, Duration ttl);

    /** Removes every entry of {@code customer}, or every entry when it is null; returns how many. */
    long purge(String customer);

    /** Entries kept now (approximate for Redis: this gateway's keys). */
    long size();

    /** "memory" or "redis". */
    String kind();

    @Override
    default void close() {
    }
}
