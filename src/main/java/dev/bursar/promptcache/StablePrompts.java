package dev.bursar.promptcache;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which prompt prefixes this process has seen lately, per served model. A prefix is stable when it was seen before
 * within {@link #WINDOW} (Anthropic's default cache lifetime): marking a one-off prompt for caching would only pay
 * the write premium, while a prompt sent again within the window will most likely be sent again. Bounded: the least
 * recently seen prefixes are forgotten past {@code capacity} entries (a forgotten prefix is simply not marked once
 * more).
 */
final class StablePrompts {

    static final Duration WINDOW = Duration.ofMinutes(5);
    static final int DEFAULT_CAPACITY = 10_000;

    private final Map<String, Instant> lastSeen;

    StablePrompts(int capacity) {
        this.lastSeen = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Records a sighting of {@code hash} for {@code model} at {@code now}; true when the one before was within the window. */
    synchronized boolean seenAgain(String model, String hash, Instant now) {
        Instant before = lastSeen.put(model + '\u0000' + hash, now);
        return before != null && !before.isAfter(now) && Duration.between(before, now).compareTo(WINDOW) <= 0;
    }

    synchronized int size() {
        return lastSeen.size();
    }
}
