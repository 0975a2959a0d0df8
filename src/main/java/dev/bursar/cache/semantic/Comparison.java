package dev.bursar.cache.semantic;

/**
 * How a query compares with a cached one: the one rule the gateway's index and {@code bursar cache eval} both apply.
 *
 * @param similarity    cosine similarity of the two embeddings
 * @param sameFixedPart the exact parts agree (system prompt, assistant turns, anything beyond the embedding window)
 * @param refusal       what the near-miss guard found that differs, or null
 */
public record Comparison(float similarity, boolean sameFixedPart, String refusal) {

    /** A hit: same exact part, similarity at or above the threshold, nothing the guard objects to. */
    public boolean hit(float threshold) {
        return sameFixedPart && similarity >= threshold && refusal == null;
    }
}
