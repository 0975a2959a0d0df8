package dev.bursar.embedding;

/**
 * The process's one embedding model. The semantic cache and the learned router read the same model: loading it
 * costs 1.5 to 2.5 s and about 90 MB, which a second copy would pay again for nothing.
 */
public final class Embedders {

    private static final class Holder {
        static final MiniLmEmbedder SHARED = new MiniLmEmbedder();
    }

    private Embedders() {
    }

    /** all-MiniLM-L6-v2 with its full 256-word-piece window; loaded on first use. */
    public static Embedder shared() {
        return Holder.SHARED;
    }

    /** The same loaded model, reading at most the last {@code window} word pieces of each text. */
    public static Embedder shared(int window) {
        return window == MiniLmEmbedder.MAX_TOKENS ? Holder.SHARED : Holder.SHARED.withWindow(window);
    }
}
