package dev.bursar.cache.semantic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.cache.SemanticSearch;
import dev.bursar.config.SemanticCacheConfig;
import dev.bursar.embedding.Embedder;
import dev.bursar.embedding.Embedders;
import dev.bursar.wire.ClientWire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The semantic half of the response cache: {@link SemanticQuery} from the request, embedded once (the same vector
 * searches the index and, after a miss, becomes the new entry), matched by {@link SemanticIndex} within its scope.
 */
public final class IndexedSemanticSearch implements SemanticSearch {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SemanticIndex index;
    private final SemanticMatcher matcher;

    public IndexedSemanticSearch(SemanticMatcher matcher, SemanticIndex index) {
        this.matcher = matcher;
        this.index = index;
    }

    /** The shipped embedding model and the configured (or calibrated) threshold. */
    public static IndexedSemanticSearch open(SemanticCacheConfig config, Clock clock) {
        Embedder embedder = Embedders.shared();
        // Loading the model takes a second or two: at start, not in the first request that misses.
        Thread.ofVirtual().name("bursar-embedder-warmup").start(() -> embedder.embed("warm up"));
        return open(embedder, config, clock);
    }

    public static IndexedSemanticSearch open(Embedder embedder, SemanticCacheConfig config, Clock clock) {
        SemanticMatcher matcher = new SemanticMatcher(embedder, SemanticThreshold.of(config));
        return new IndexedSemanticSearch(matcher, new SemanticIndex(matcher, config.ttl(), config.maxEntries(), clock));
    }

    record Probe(String scope, SemanticQuery semanticQuery, float[] vector) implements SemanticSearch.Probe {
        @Override
        public String query() {
            ObjectNode n = JSON.createObjectNode();
            n.put("fixed", semanticQuery.fixed());
            n.put("conversation", semanticQuery.conversation());
            return n.toString();
        }
    }

    @Override
    public Optional<SemanticSearch.Probe> probe(String scope, ClientWire wire, JsonNode body) {
        return SemanticQuery.of(wire, body).map(q -> new Probe(scope, q, index.vectorOf(q)));
    }

    @Override
    public Optional<String> find(SemanticSearch.Probe probe) {
        Probe p = (Probe) probe;
        return index.find(p.scope(), p.semanticQuery(), p.vector()).map(SemanticHit::answerKey);
    }

    @Override
    public void add(SemanticSearch.Probe probe, String answerHash) {
        Probe p = (Probe) probe;
        index.add(p.scope(), p.semanticQuery(), answerHash, p.vector(), index.expiryFromNow());
    }

    @Override
    public void addShared(String scope, float[] vector, String query, String answerHash, Instant expiresAt) {
        try {
            JsonNode n = JSON.readTree(query);
            index.add(scope, new SemanticQuery(n.path("fixed").asText(""), n.path("conversation").asText()), answerHash,
                    vector, expiresAt);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long purge(String scopePrefix) {
        return index.purge(scope -> scopePrefix == null || scope.startsWith(scopePrefix));
    }

    @Override
    public long size() {
        return index.size();
    }

    @Override
    public String threshold() {
        return Float.toString(matcher.threshold());
    }

    @Override
    public void close() {
        index.close();
    }
}
