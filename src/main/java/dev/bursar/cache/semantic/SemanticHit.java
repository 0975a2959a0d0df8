package dev.bursar.cache.semantic;

/**
 * A cached answer the query may be given.
 *
 * @param answerKey  what the caller stored with the entry (the key of its answer)
 * @param similarity cosine similarity between the query and the entry's query
 */
public record SemanticHit(String answerKey, float similarity) {
}
