package dev.bursar.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.wire.ClientWire;
import java.util.Optional;

/**
 * The semantic half of the cache as the response cache uses it: paraphrases of answered requests, within one scope.
 * The embedding is computed once per request ({@link #probe}) and used for both the search and, after a miss, the
 * new entry.
 */
public interface SemanticSearch extends AutoCloseable {

    /**
     * A request made ready for the index: its scope, its embedding and the text the near-miss guard compares,
     * serialised so that another replica can add the same entry without embedding it again.
     */
    interface Probe {
        String scope();

        float[] vector();

        String query();
    }

    /** Empty when the request cannot be matched by meaning (images, tool results, an empty conversation). */
    Optional<Probe> probe(String scope, ClientWire wire, JsonNode body);

    /** The hash of the kept answer of the closest entry that passes the threshold and the near-miss guard. */
    Optional<String> find(Probe probe);

    void add(Probe probe, String answerHash);

    /** An entry another replica made (received through Redis): added as it is, not embedded again. */
    void addShared(String scope, float[] vector, String query, String answerHash, java.time.Instant expiresAt);

    /** Removes the entries whose scope starts with {@code scopePrefix}, or every entry when it is null; returns how many. */
    long purge(String scopePrefix);

    long size();

    /** The cosine similarity a hit needs. */
    String threshold();

    @Override
    default void close() {
    }

    static SemanticSearch none() {
        return new SemanticSearch() {
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
            }

            @Override
            public void addShared(String scope, float[] vector, String query, String answerHash, java.time.Instant expiresAt) {
            }

            @Override
            public long purge(String scopePrefix) {
                return 0;
            }

            @Override
            public long size() {
                return 0;
            }

            @Override
            public String threshold() {
                return "none";
            }
        };
    }
}
