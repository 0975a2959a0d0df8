package dev.bursar.promptcache;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The token counts of the prompt prefixes this process has seen, per model. A prefix is counted the second time it
 * is seen, and never again while it is remembered: a prompt sent once cannot be cached, and byte-pair encoding a long
 * one costs more CPU than the rest of the request (about 0.3-0.6 ms for 2,000 tokens, see bench/promptcache.sh),
 * so one-off prompts (a system prompt with today's date or a retrieved document in it) are only hashed. Bounded: the
 * least recently seen prefixes are forgotten past {@code capacity}, and are then treated as new.
 */
final class PrefixCounts {

    /** What {@link #tokens} answers for a prefix seen for the first time. */
    static final int FIRST_SIGHTING = -1;
    static final int DEFAULT_CAPACITY = 10_000;

    private final Map<String, Integer> counts;

    PrefixCounts(int capacity) {
        this.counts = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The tokens of prefix {@code hash} for {@code model}: {@link #FIRST_SIGHTING} the first time (remembered as seen),
     * then counted with {@code count} once and remembered.
     */
    int tokens(String model, String hash, IntSupplier count) {
        String key = model + '\u0000' + hash;
        Integer known;
        synchronized (this) {
            known = counts.putIfAbsent(key, FIRST_SIGHTING);
        }
        if (known == null) {
            return FIRST_SIGHTING;
        }
        if (known != FIRST_SIGHTING) {
            return known;
        }
        int tokens = count.getAsInt(); // outside the lock: two requests may both count a prefix, once each
        synchronized (this) {
            counts.put(key, tokens);
        }
        return tokens;
    }

    synchronized int size() {
        return counts.size();
    }
}
