package dev.bursar.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.redis.RedisPipe;
import dev.bursar.testing.Await;
import dev.bursar.wire.ClientWire;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Semantic entries travel between replicas through a Redis stream (the real server on 127.0.0.1:6379): an entry one
 * replica makes reaches the other's index with its vector and guard text (not embedded again), a replica started
 * later reads the entries that have not expired, and a purge reaches every replica.
 */
class SemanticFeedTest {

    record Entry(String scope, float[] vector, String query, String answer) { }

    /** An index that remembers what it was given. */
    static final class Recording implements SemanticSearch {
        final Map<String, Entry> entries = new ConcurrentHashMap<>();

        @Override
        public Optional<Probe> probe(String scope, ClientWire wire, JsonNode body) {
            return Optional.empty();
        }

        @Override
        public Optional<String> find(Probe probe) {
            return Optional.empty();
        }

        @Override
        public void add(Probe probe, String answerHash) {
            entries.put(answerHash, new Entry(probe.scope(), probe.vector(), probe.query(), answerHash));
        }

        @Override
        public void addShared(String scope, float[] vector, String query, String answerHash, Instant expiresAt) {
            entries.put(answerHash, new Entry(scope, vector, query, answerHash));
        }

        @Override
        public long purge(String scopePrefix) {
            long before = entries.size();
            entries.values().removeIf(e -> scopePrefix == null || e.scope().startsWith(scopePrefix));
            return before - entries.size();
        }

        @Override
        public long size() {
            return entries.size();
        }

        @Override
        public String threshold() {
            return "test";
        }
    }

    record TestProbe(String scope, float[] vector, String query) implements SemanticSearch.Probe { }

    static SharedSemanticSearch replica(String prefix, Recording local) {
        SharedSemanticSearch s = new SharedSemanticSearch(local, Clock.systemUTC(), Duration.ofHours(1));
        RedisPipe shared = new RedisPipe("redis://127.0.0.1:6379", "test-shared");
        RedisPipe follower = new RedisPipe("redis://127.0.0.1:6379", "test-follower");
        s.feed(new SemanticFeed(shared, follower, prefix, local, 1000, Clock.systemUTC(), CacheEvents.none()));
        return s;
    }

    @Test
    void an_entry_made_on_one_replica_reaches_the_others_and_a_purge_reaches_all() {
        String prefix = "bursar-test-" + UUID.randomUUID();
        Recording localA = new Recording();
        Recording localB = new Recording();
        try (SharedSemanticSearch a = replica(prefix, localA); SharedSemanticSearch b = replica(prefix, localB)) {
            float[] v = {0.6f, -0.8f, 0.0f};
            a.add(new TestProbe("cACME|params", v, "{\"q\":\"What is the capital of France?\"}"), "answer-1");
            a.add(new TestProbe("cGLOBEX|params", v, "{\"q\":\"hello\"}"), "answer-2");
            Await.until("entries on b", Duration.ofSeconds(10), () -> localB.entries.size() == 2);
            Entry e = localB.entries.get("answer-1");
            assertThat(e.vector()).containsExactly(v);
            assertThat(e.query()).isEqualTo("{\"q\":\"What is the capital of France?\"}");
            assertThat(e.scope()).isEqualTo("cACME|params");

            Recording localC = new Recording();
            try (SharedSemanticSearch c = replica(prefix, localC)) {
                Await.until("history on a late replica", Duration.ofSeconds(10), () -> localC.entries.size() == 2);

                b.purge("cACME|");
                Await.until("purge on a and c", Duration.ofSeconds(10),
                        () -> !localA.entries.containsKey("answer-1") && !localC.entries.containsKey("answer-1"));
                assertThat(localB.entries.keySet()).containsExactly("answer-2");
                assertThat(localA.entries.keySet()).containsExactly("answer-2");
            }
        }
    }

    @Test
    void vectors_survive_the_encoding_bit_for_bit() {
        float[] v = {Float.MIN_VALUE, -0.0f, 1e-30f, 0.12345678f, -1f};
        assertThat(SemanticFeed.decode(SemanticFeed.encode(v))).containsExactly(v);
    }
}
