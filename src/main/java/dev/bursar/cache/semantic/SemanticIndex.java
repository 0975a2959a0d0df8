package dev.bursar.cache.semantic;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The semantic cache's entries, in process: per partition (one scope and one exact part), HNSW graphs of the
 * embeddings (Lucene's {@code util.hnsw}, in chunks: {@link VectorChunk}). A query is compared only with the entries of
 * its own partition: the scope is an opaque string the caller builds (tenant, model, parameters), and an entry is only
 * ever found by a query with the identical scope.
 *
 * <p>An entry is found by {@code find} as soon as {@code add} returns. Entries expire after the TTL (by the injected
 * clock) and the oldest go first beyond {@code maxEntries}. Thread-safe: finds of a partition run side by side, adds and
 * removals of a partition one at a time. No thread of its own.
 */
public final class SemanticIndex implements AutoCloseable {

    /** Nearest neighbours asked of each graph: more than one, since the guard may refuse the nearest. */
    private static final int K = 8;

    private final SemanticMatcher matcher;
    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;
    private final ConcurrentHashMap<String, Partition> partitions = new ConcurrentHashMap<>();
    /** Every entry by the order it was added: the oldest is the first to evict. */
    private final ConcurrentSkipListMap<Long, Partition.Entry> entries = new ConcurrentSkipListMap<>();
    private final AtomicLong nextId = new AtomicLong();
    private final AtomicInteger entryCount = new AtomicInteger();

    public SemanticIndex(SemanticMatcher matcher, Duration ttl, int maxEntries, Clock clock) {
        if (maxEntries < 1 || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("maxEntries must be positive and ttl longer than zero");
        }
        this.matcher = matcher;
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /** The best cached answer for the query in this scope, if one is similar enough and the guard agrees. */
    public Optional<SemanticHit> find(String scope, SemanticQuery query) {
        return find(scope, matcher.prepare(query));
    }

    /** The same with the query's embedding already computed ({@link #vectorOf}): the gateway embeds once per request. */
    public Optional<SemanticHit> find(String scope, SemanticQuery query, float[] vector) {
        return find(scope, matcher.prepare(query, vector));
    }

    /** When an entry added now expires. */
    public Instant expiryFromNow() {
        return Instant.ofEpochMilli(clock.millis() + ttl.toMillis());
    }

    private Optional<SemanticHit> find(String scope, Prepared q) {
        Partition partition = partitions.get(partitionKey(scope, q.key()));
        if (partition == null) {
            return Optional.empty();
        }
        long now = clock.millis();
        SemanticHit[] best = new SemanticHit[1];
        partition.nearest(q.vector(), K, (entry, similarity) -> {
            if (entry.expiresAtMillis <= now) {
                return;
            }
            Comparison c = new Comparison(similarity, true, NearMissGuard.disagreement(q.details(), entry.details));
            if (c.hit(matcher.threshold()) && (best[0] == null || similarity > best[0].similarity())) {
                best[0] = new SemanticHit(entry.answerKey, similarity);
            }
        });
        return Optional.ofNullable(best[0]);
    }

    /** Caches the query's answer key in this scope until the TTL passes. */
    public void add(String scope, SemanticQuery query, String answerKey) {
        add(scope, matcher.prepare(query), answerKey, clock.millis() + ttl.toMillis());
    }

    /**
     * The same with the embedding and expiry another replica computed (received through Redis): nothing is embedded.
     * The vector must come from the same model and window ({@link #vectorOf}).
     */
    public void add(String scope, SemanticQuery query, String answerKey, float[] vector, Instant expiresAt) {
        add(scope, matcher.prepare(query, vector), answerKey, expiresAt.toEpochMilli());
    }

    /** The embedding this index stores for the query, e.g. to publish an entry to other replicas. */
    public float[] vectorOf(SemanticQuery query) {
        return matcher.prepare(query).vector().clone();
    }

    private void add(String scope, Prepared q, String answerKey, long expiresAtMillis) {
        long now = clock.millis();
        if (expiresAtMillis <= now) {
            return;
        }
        String key = partitionKey(scope, q.key());
        long id = nextId.incrementAndGet();
        Partition.Entry entry;
        while (true) {
            Partition partition = partitions.computeIfAbsent(key, k -> new Partition(scope, q.key(), q.vector().length));
            entry = new Partition.Entry(id, partition, answerKey, expiresAtMillis, q.details());
            Partition.Entry same = sameQuery(partition, q);
            if (same != null && partition.replace(same, entry)) {
                if (entries.remove(same.id) != null) {
                    entryCount.decrementAndGet();
                }
                break;
            }
            if (partition.add(entry, q.vector())) {
                break;
            }
            partitions.remove(key, partition); // it emptied meanwhile: start a new one
        }
        entries.put(id, entry);
        entryCount.incrementAndGet();
        evict(now);
    }

    /**
     * The entry of the same query, added before (a refreshed answer, another replica's copy): the new entry takes its
     * place. Besides being what a cache should do, it keeps copies of one vector out of the graph: many identical
     * vectors fill each other's neighbour lists and cut themselves off from the rest of the graph.
     */
    private static Partition.Entry sameQuery(Partition partition, Prepared q) {
        Partition.Entry[] same = new Partition.Entry[1];
        partition.nearest(q.vector(), K, (entry, similarity) -> {
            if (similarity >= SAME && entry.details.equals(q.details())) {
                same[0] = entry;
            }
        });
        return same[0];
    }

    /** Cosine similarity of one text embedded twice, give or take float rounding. */
    private static final float SAME = 0.99999f;

    /** Removes every entry whose scope the predicate accepts; returns how many. */
    public int purge(Predicate<String> scope) {
        Map<String, Boolean> verdicts = new HashMap<>();
        int removed = 0;
        for (Map.Entry<Long, Partition.Entry> e : entries.entrySet()) {
            if (verdicts.computeIfAbsent(e.getValue().partition.scope, scope::test) && remove(e.getKey())) {
                removed++;
            }
        }
        return removed;
    }

    /** Entries that can still be found (expired ones at the old end are dropped first). */
    public int size() {
        evict(clock.millis());
        return entryCount.get();
    }

    /** Drops the oldest entries while there are too many or they have expired. */
    private void evict(long now) {
        Map.Entry<Long, Partition.Entry> oldest;
        while ((oldest = entries.firstEntry()) != null
                && (entryCount.get() > maxEntries || oldest.getValue().expiresAtMillis <= now)) {
            remove(oldest.getKey());
        }
    }

    private boolean remove(long id) {
        Partition.Entry entry = entries.remove(id);
        if (entry == null) {
            return false;
        }
        entryCount.decrementAndGet();
        Partition partition = entry.partition;
        if (partition.remove(entry)) {
            partitions.remove(partitionKey(partition.scope, partition.key), partition);
        }
        return true;
    }

    private static String partitionKey(String scope, String key) {
        return scope + '\u0000' + key;
    }

    /** Drops every entry. */
    @Override
    public void close() {
        entries.clear();
        partitions.clear();
        entryCount.set(0);
    }
}
