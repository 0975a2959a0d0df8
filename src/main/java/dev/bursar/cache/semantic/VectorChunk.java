package dev.bursar.cache.semantic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.lucene.codecs.hnsw.FlatVectorScorerUtil;
import org.apache.lucene.codecs.hnsw.FlatVectorsScorer;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;

/**
 * Up to {@value #CAPACITY} vectors of one partition with their HNSW graph (Lucene's {@code util.hnsw}), built node by
 * node as entries arrive. A partition is a list of chunks, oldest first: entries leave a cache oldest first (expiry,
 * eviction), so whole chunks empty out and are dropped, and no graph ever needs a node deleted or a rebuild. Below
 * {@value #GRAPH_FROM} vectors a chunk is searched exactly, one dot product per vector, and has no graph yet.
 *
 * <p>Not thread-safe: its {@link Partition} guards it with a read-write lock.
 */
final class VectorChunk<E> {

    /**
     * Lucene warns once when the incubating Vector API is not enabled ({@code --add-modules jdk.incubator.vector}).
     * Its scalar code is fast enough here (bench/README.md, Semantic cache), so the warning would only alarm operators.
     * First in this class: the scorer below makes Lucene look. Held in a field: a logger nobody holds may lose its level.
     */
    private static final Logger LUCENE_VECTORS = quiet("org.apache.lucene.internal.vectorization");

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    static final int CAPACITY = 16_384;
    static final int GRAPH_FROM = 512;
    /** Neighbours per node and the beam while building (Lucene's defaults are 16 and 100: half the work per add). */
    private static final int MAX_CONN = 16;
    private static final int BEAM = 50;
    private static final FlatVectorsScorer SCORER = FlatVectorScorerUtil.getLucene99FlatVectorsScorer();
    private static final VectorSimilarityFunction DOT = VectorSimilarityFunction.DOT_PRODUCT;

    private final int dimensions;
    private float[][] vectors = new float[8][];
    private Object[] entries = new Object[8];
    private int size;
    private int live;
    private final Values values = new Values();
    private HnswGraphBuilder graph;

    VectorChunk(int dimensions) {
        this.dimensions = dimensions;
    }

    boolean full() {
        return size == CAPACITY;
    }

    int live() {
        return live;
    }

    /** Adds a vector; returns its ordinal in this chunk. */
    int add(float[] vector, E entry) {
        if (size == vectors.length) {
            int grown = Math.min(CAPACITY, size * 2);
            vectors = Arrays.copyOf(vectors, grown);
            entries = Arrays.copyOf(entries, grown);
        }
        int ord = size;
        vectors[ord] = vector;
        entries[ord] = entry;
        size++;
        live++;
        try {
            if (graph == null && size >= GRAPH_FROM) {
                graph = HnswGraphBuilder.create(SCORER.getRandomVectorScorerSupplier(DOT, values), MAX_CONN, BEAM, 42L);
                for (int i = 0; i < size; i++) {
                    graph.addGraphNode(i);
                }
            } else if (graph != null) {
                graph.addGraphNode(ord);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ord;
    }

    /** Puts another entry in the place of {@code old}, if it is still there. */
    boolean replace(int ord, E old, E fresh) {
        if (entries[ord] != old) {
            return false;
        }
        entries[ord] = fresh;
        return true;
    }

    /** Forgets an entry; its vector stays in the graph (as a path to others) but is never returned. */
    boolean remove(int ord, E entry) {
        if (entries[ord] != entry) {
            return false; // already gone, or replaced by a newer entry of the same query
        }
        entries[ord] = null;
        live--;
        return true;
    }

    /** The k nearest live entries with their cosine similarity (exact, from the stored vectors). */
    @SuppressWarnings("unchecked")
    void nearest(float[] query, int k, BiConsumer<E, Float> out) {
        if (live == 0) {
            return;
        }
        if (graph == null) {
            for (int i = 0; i < size; i++) {
                if (entries[i] != null) {
                    out.accept((E) entries[i], Vectors.dot(query, vectors[i]));
                }
            }
            return;
        }
        try {
            TopKnnCollector collector = new TopKnnCollector(k, Integer.MAX_VALUE);
            HnswGraphSearcher.search(SCORER.getRandomVectorScorer(DOT, values, query), collector, graph.getGraph(),
                    live == size ? null : new LiveOrds());
            for (ScoreDoc hit : collector.topDocs().scoreDocs) {
                Object e = entries[hit.doc];
                if (e != null) {
                    out.accept((E) e, Vectors.dot(query, vectors[hit.doc]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final class LiveOrds implements Bits {
        @Override
        public boolean get(int ord) {
            return entries[ord] != null;
        }

        @Override
        public int length() {
            return size;
        }
    }

    /** The chunk's vectors as Lucene reads them; grows as vectors are added. */
    private final class Values extends FloatVectorValues {
        @Override
        public float[] vectorValue(int ord) {
            return vectors[ord];
        }

        @Override
        public FloatVectorValues copy() {
            return this;
        }

        @Override
        public int dimension() {
            return dimensions;
        }

        @Override
        public int size() {
            return size;
        }
    }
}
