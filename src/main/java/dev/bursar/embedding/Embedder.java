package dev.bursar.embedding;

/**
 * Turns a text into a vector whose cosine with another text's vector says how close their meanings are. The semantic
 * cache and the learned router share one instance; implementations are thread-safe.
 */
public interface Embedder {

    /** The text's vector, L2-normalised, so the dot product of two vectors is their cosine similarity. */
    float[] embed(String text);

    /** The length of every vector this embedder returns. */
    int dimensions();

    /** The model's name, e.g. for a ledger row or a cache entry written by another replica. */
    String name();

    /** The most tokens {@link #embed} reads, its own markers included; a longer text keeps its end. */
    default int maxTokens() {
        return Integer.MAX_VALUE;
    }

    /** How many tokens the text is for this model, without the model's own markers. */
    default int tokenCount(String text) {
        return text.isBlank() ? 0 : text.strip().split("\\s+").length;
    }
}
