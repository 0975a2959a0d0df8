package dev.bursar.replay;

import dev.bursar.cache.AnswerStore;
import dev.bursar.cache.CachedAnswer;
import dev.bursar.cache.EntryKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The replay's answer store: every kept answer until its TTL on the replay's clock. Unbounded (the live store's
 * {@code max-entries} eviction is not modelled: a replay may count a hit the live cache would have evicted).
 */
final class ReplayAnswers implements AnswerStore {

    private record Kept(CachedAnswer answer, Instant until) { }

    private final Map<EntryKey, Kept> kept = new HashMap<>();
    private final ReplayClock clock;

    ReplayAnswers(ReplayClock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<CachedAnswer> get(EntryKey key) {
        Kept k = kept.get(key);
        return k != null && clock.instant().isBefore(k.until()) ? Optional.of(k.answer()) : Optional.empty();
    }

    @Override
    public void put(EntryKey key, CachedAnswer answer, Duration ttl) {
        kept.put(key, new Kept(answer, clock.instant().plus(ttl)));
    }

    @Override
    public long purge(String customer) {
        long n = kept.size();
        kept.clear();
        return n;
    }

    @Override
    public long size() {
        return kept.size();
    }

    @Override
    public String kind() {
        return "replay";
    }
}
