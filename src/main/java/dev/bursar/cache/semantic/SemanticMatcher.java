package dev.bursar.cache.semantic;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bursar.embedding.Embedder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Decides whether a query may be answered with a cached query's answer: embedding, cosine, threshold, near-miss
 * guard. The index and {@code bursar cache eval} both go through here, so the measured precision is the gateway's.
 *
 * <p>Only the last {@link #WINDOW_TOKENS} word pieces of the user turns are embedded; what comes before them joins the
 * exact part, so a long prompt hits only when its start is identical and its end means the same. The window keeps a
 * lookup within its latency budget on one core (the model's cost grows linearly, about 0.065 ms per word piece), and
 * it is safe: nothing outside it is compared loosely.
 *
 * <p>Thread-safe. Remembers the last few thousand prepared queries, so {@code add} after a missed {@code find} of the
 * same request does not embed twice.
 */
public final class SemanticMatcher {

    /** Word pieces embedded, the model's markers included. */
    public static final int WINDOW_TOKENS = 64;
    private static final Pattern WORD_STARTS = Pattern.compile("(?<=\\s)(?=\\S)");

    private final Embedder embedder;
    private final float threshold;
    private final int window;
    private final Cache<String, Prepared> recent = Caffeine.newBuilder().maximumSize(4_096).build();

    public SemanticMatcher(Embedder embedder, float threshold) {
        this(embedder, threshold, WINDOW_TOKENS);
    }

    public SemanticMatcher(Embedder embedder, float threshold, int windowTokens) {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1], got " + threshold);
        }
        this.embedder = embedder;
        this.threshold = threshold;
        this.window = Math.min(windowTokens, embedder.maxTokens());
    }

    public float threshold() {
        return threshold;
    }

    public Embedder embedder() {
        return embedder;
    }

    /** How {@code a} compares with {@code b}: similarity, exact parts, the guard's verdict. */
    public Comparison compare(SemanticQuery a, SemanticQuery b) {
        return prepare(a).compare(prepare(b));
    }

    /** True when one query may be answered with the other's answer. */
    public boolean matches(SemanticQuery a, SemanticQuery b) {
        return compare(a, b).hit(threshold);
    }

    /** The query's key, details and embedding (embedded once, then remembered for a while). */
    Prepared prepare(SemanticQuery q) {
        Split split = split(q);
        String cacheKey = split.key + '\u0000' + split.tail;
        Prepared p = recent.getIfPresent(cacheKey);
        if (p == null) {
            p = new Prepared(split.key, split.tail, NearMissGuard.details(split.tail), embedder.embed(split.tail));
            recent.put(cacheKey, p);
        }
        return p;
    }

    /** The same with an embedding another replica computed: nothing is embedded here. */
    Prepared prepare(SemanticQuery q, float[] vector) {
        if (vector.length != embedder.dimensions()) {
            throw new IllegalArgumentException("a vector of " + vector.length + " dimensions for a "
                    + embedder.dimensions() + "-dimension model");
        }
        Split split = split(q);
        return new Prepared(split.key, split.tail, NearMissGuard.details(split.tail), vector.clone());
    }

    private record Split(String key, String tail) {
    }

    /** The user turns' last words that fit the window, and the key of everything else. */
    private Split split(SemanticQuery q) {
        String text = q.conversation();
        String[] words = WORD_STARTS.split(text);
        int budget = window - 2;
        int used = 0;
        int cut = text.length();
        for (int i = words.length - 1; i >= 0; i--) {
            used += embedder.tokenCount(words[i]);
            if (used > budget) {
                break;
            }
            cut -= words[i].length();
        }
        // A last word longer than the window leaves nothing to embed: then the whole text is exact, and the empty
        // tail embeds alike on both sides, so only identical queries hit.
        return new Split(hash(q.fixed() + '\u0000' + text.substring(0, cut)), text.substring(cut));
    }

    static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 18));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
