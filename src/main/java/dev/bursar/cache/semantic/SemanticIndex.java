package dev.bursar.cache.semantic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The semantic cache's entries, in process: an HNSW graph (Lucene's in-memory index) of the embeddings, searched only
 * within one partition, i.e. one scope and one exact part. The scope is an opaque string the caller builds (tenant,
 * model, parameters); an entry is only ever found by a query with the identical scope.
 *
 * <p>Visibility: an entry is found by {@code find} as soon as {@code add} returns. Lucene shows new documents only
 * after a refresh, so the entries added since the last refresh (at most {@value #RECENT_LIMIT}) are also compared one by
 * one; the thread whose add fills that list refreshes.
 *
 * <p>Entries expire after the TTL (by the injected clock) and the oldest go first beyond {@code maxEntries}. Which
 * entries exist is decided here ({@code entries}); Lucene only proposes candidates, so an expired, evicted or purged
 * entry is never answered even before Lucene has forgotten it. Thread-safe; {@link #close} stops Lucene's merge threads.
 */
public final class SemanticIndex implements AutoCloseable {

    static final int RECENT_LIMIT = 256;
    /** Nearest neighbours asked of the graph: more than one, since the guard may refuse the nearest. */
    private static final int K = 8;
    private static final String VECTOR = "v";
    private static final String PARTITION = "p";
    private static final String ID = "id";

    private final SemanticMatcher matcher;
    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ConcurrentSkipListMap<Long, Entry> entries = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListMap<Long, Recent> recent = new ConcurrentSkipListMap<>();
    private final AtomicInteger entryCount = new AtomicInteger();
    private final AtomicInteger recentCount = new AtomicInteger();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final Object writeLock = new Object();
    private long nextId = 1;

    private record Entry(String scope, String key, String answerKey, long expiresAtMillis, NearMissGuard.Details details) {

        boolean in(String scope, String key) {
            return this.key.equals(key) && this.scope.equals(scope);
        }
    }

    private record Recent(String scope, String key, float[] vector) {
    }

    public SemanticIndex(SemanticMatcher matcher, Duration ttl, int maxEntries, Clock clock) {
        if (maxEntries < 1 || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("maxEntries must be positive and ttl longer than zero");
        }
        this.matcher = matcher;
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = clock;
        try {
            IndexWriterConfig config = new IndexWriterConfig().setCommitOnClose(false);
            this.writer = new IndexWriter(directory, config);
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The best cached answer for the query in this scope, if one is similar enough and the guard agrees. */
    public Optional<SemanticHit> find(String scope, SemanticQuery query) {
        Prepared q = matcher.prepare(query);
        long now = clock.millis();
        Best best = new Best(q, scope, now);
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                KnnFloatVectorQuery knn = new KnnFloatVectorQuery(VECTOR, q.vector(), K, new TermQuery(new Term(PARTITION, partition(scope, q.key()))));
                for (ScoreDoc hit : searcher.search(knn, K).scoreDocs) {
                    // DOT_PRODUCT scores are (1 + cosine) / 2.
                    best.consider(idOf(searcher, hit.doc), 2 * hit.score - 1);
                }
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Map.Entry<Long, Recent> r : recent.entrySet()) {
            if (r.getValue().key.equals(q.key()) && r.getValue().scope.equals(scope)) {
                best.consider(r.getKey(), Vectors.dot(q.vector(), r.getValue().vector));
            }
        }
        return Optional.ofNullable(best.hit);
    }

    private final class Best {
        final Prepared query;
        final String scope;
        final long now;
        SemanticHit hit;

        Best(Prepared query, String scope, long now) {
            this.query = query;
            this.scope = scope;
            this.now = now;
        }

        void consider(long id, float similarity) {
            Entry e = entries.get(id);
            if (e == null || e.expiresAtMillis <= now || !e.in(scope, query.key())) {
                return;
            }
            Comparison c = new Comparison(similarity, true, NearMissGuard.disagreement(query.details(), e.details));
            if (c.hit(matcher.threshold()) && (hit == null || similarity > hit.similarity())) {
                hit = new SemanticHit(e.answerKey, similarity);
            }
        }
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
        Entry entry = new Entry(scope, q.key(), answerKey, expiresAtMillis, q.details());
        try {
            synchronized (writeLock) {
                long id = nextId++;
                Document doc = new Document();
                doc.add(new KnnFloatVectorField(VECTOR, q.vector(), VectorSimilarityFunction.DOT_PRODUCT));
                doc.add(new StringField(PARTITION, partition(scope, q.key()), Field.Store.NO));
                doc.add(new LongField(ID, id, Field.Store.NO));
                entries.put(id, entry);
                entryCount.incrementAndGet();
                recent.put(id, new Recent(scope, q.key(), q.vector()));
                recentCount.incrementAndGet();
                writer.addDocument(doc);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        evict(now);
        if (recentCount.get() >= RECENT_LIMIT) {
            refresh();
        }
    }

    /** Removes every entry whose scope the predicate accepts; returns how many. */
    public int purge(Predicate<String> scope) {
        Map<String, Boolean> verdicts = new HashMap<>();
        List<Long> removed = new ArrayList<>();
        for (Map.Entry<Long, Entry> e : entries.entrySet()) {
            if (verdicts.computeIfAbsent(e.getValue().scope, scope::test) && remove(e.getKey())) {
                removed.add(e.getKey());
            }
        }
        deleteFromLucene(removed);
        return removed.size();
    }

    /** Entries that can still be found (expired ones at the old end are dropped first). */
    public int size() {
        evict(clock.millis());
        return entryCount.get();
    }

    /** Drops the oldest entries while there are too many or they have expired. */
    private void evict(long now) {
        List<Long> removed = new ArrayList<>();
        Map.Entry<Long, Entry> oldest;
        while ((oldest = entries.firstEntry()) != null
                && (entryCount.get() > maxEntries || oldest.getValue().expiresAtMillis <= now)) {
            if (remove(oldest.getKey())) {
                removed.add(oldest.getKey());
            }
        }
        deleteFromLucene(removed);
    }

    private boolean remove(long id) {
        if (entries.remove(id) == null) {
            return false;
        }
        entryCount.decrementAndGet();
        if (recent.remove(id) != null) {
            recentCount.decrementAndGet();
        }
        return true;
    }

    private void deleteFromLucene(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        try {
            writer.deleteDocuments(LongField.newSetQuery(ID, ids.stream().mapToLong(Long::longValue).toArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes what was added visible to Lucene's searcher, then stops comparing it one by one. One thread at a time. */
    private void refresh() {
        if (!refreshing.compareAndSet(false, true)) {
            return;
        }
        try {
            long upTo;
            synchronized (writeLock) {
                upTo = nextId - 1;
            }
            searchers.maybeRefreshBlocking();
            Map<Long, Recent> visible = recent.headMap(upTo, true);
            for (Long id : visible.keySet()) {
                if (recent.remove(id) != null) {
                    recentCount.decrementAndGet();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            refreshing.set(false);
        }
    }

    private static long idOf(IndexSearcher searcher, int doc) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        SortedNumericDocValues ids = DocValues.getSortedNumeric(leaf.reader(), ID);
        if (!ids.advanceExact(doc - leaf.docBase)) {
            return -1;
        }
        return ids.nextValue();
    }

    /** The Lucene term of a scope and exact part: the search filter. */
    private static String partition(String scope, String key) {
        return scope + '\u0000' + key;
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.rollback();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
