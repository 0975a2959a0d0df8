package dev.bursar.cache.semantic;

/**
 * A query made ready for matching: the key of its exact part, the guard's details and the embedding of the rest.
 *
 * @param key     hash of the exact part (fixed part plus the text before the embedding window); entries are only
 *                compared within one key
 * @param tail    the text that was embedded (the end of the user turns)
 * @param details what the near-miss guard compares
 * @param vector  the unit-length embedding of {@code tail}
 */
record Prepared(String key, String tail, NearMissGuard.Details details, float[] vector) {

    Comparison compare(Prepared other) {
        return new Comparison(Vectors.dot(vector, other.vector), key.equals(other.key),
                NearMissGuard.disagreement(details, other.details));
    }
}
