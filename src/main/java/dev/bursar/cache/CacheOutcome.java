package dev.bursar.cache;

/** What the cache did for a request: the {@code X-Bursar-Cache} response header and the ledger's {@code cache} field. */
public enum CacheOutcome {
    /** Looked up (or refreshed) and not found: the provider answered, and the answer was kept if it could be. */
    MISS("miss"),
    /** The same request was answered before: the answer is given again, nothing is paid. */
    HIT_EXACT("hit-exact"),
    /** A paraphrase of an answered request, in the same context and scope, passed the similarity and the guard. */
    HIT_SEMANTIC("hit-semantic"),
    /** The cache took no part: not configured, turned off by the request or the model, or not cacheable. */
    OFF("off");

    private final String label;

    CacheOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean hit() {
        return this == HIT_EXACT || this == HIT_SEMANTIC;
    }
}
