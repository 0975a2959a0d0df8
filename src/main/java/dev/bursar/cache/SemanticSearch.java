package dev.bursar.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.wire.ClientWire;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The semantic half of the cache as the response cache uses it: paraphrases of answered requests, within one scope.
 * The embedding is computed once per request ({@link #probe}) and used for both the search and, after a miss, the
 * new entry.
 */
public interface SemanticSearch extends AutoCloseable {

    /** A request made ready for the index: its scope and embedding. */
    interface Probe {
    }

    /** Empty when the request cannot be matched by meaning (images, tool results, an empty conversation). */
    Optional<Probe> probe(String scope, ClientWire wire, JsonNode body);

    /** The hash of the kept answer of the closest entry that passes the threshold and the near-miss guard. */
    Optional<String> find(Probe probe);

    void add(Probe probe, String answerHash);

    /** Removes the entries whose scope matches; returns how many. */
    long purge(Predicate<String> scope);

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
            public long purge(Predicate<String> scope) {
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
