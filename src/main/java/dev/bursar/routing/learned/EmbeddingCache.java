package dev.bursar.routing.learned;

import dev.bursar.embedding.Embedder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Embeddings of the training prompts, kept in a file between training runs (embedding 18,580 prompts takes minutes;
 * fitting takes seconds). Keyed by the text's hash and the embedding model's name, so a changed prompt or model is
 * embedded again.
 */
final class EmbeddingCache {

    private final Map<String, float[]> vectors = new HashMap<>();
    private final String model;

    private EmbeddingCache(String model) {
        this.model = model;
    }

    static EmbeddingCache open(Path file, String model) throws IOException {
        EmbeddingCache cache = new EmbeddingCache(model);
        if (file != null && Files.exists(file)) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
                if (in.readUTF().equals(model)) {
                    int n = in.readInt();
                    for (int k = 0; k < n; k++) {
                        String key = in.readUTF();
                        float[] v = new float[in.readShort()];
                        for (int i = 0; i < v.length; i++) {
                            v[i] = in.readFloat();
                        }
                        cache.vectors.put(key, v);
                    }
                }
            }
        }
        return cache;
    }

    void save(Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeUTF(model);
            out.writeInt(vectors.size());
            for (Map.Entry<String, float[]> e : vectors.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeShort(e.getValue().length);
                for (float f : e.getValue()) {
                    out.writeFloat(f);
                }
            }
        }
    }

    void put(String text, float[] vector) {
        vectors.put(Folds.hash(text), vector);
    }

    /** Every text's embedding, computing the missing ones on {@code threads} threads. */
    List<float[]> embedAll(List<String> texts, Embedder embedder, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<float[]>> pending = new ArrayList<>();
            for (String t : texts) {
                float[] known = vectors.get(Folds.hash(t));
                pending.add(known != null ? java.util.concurrent.CompletableFuture.completedFuture(known)
                        : pool.submit(() -> embedder.embed(t)));
            }
            List<float[]> out = new ArrayList<>(texts.size());
            for (int i = 0; i < texts.size(); i++) {
                float[] v = pending.get(i).get();
                vectors.put(Folds.hash(texts.get(i)), v);
                out.add(v);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while embedding", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("embedding failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
