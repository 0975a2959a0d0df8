package dev.bursar.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * {@code cache.semantic}: a paraphrase of an answered request, in the same conversation context and scope, is given
 * the same answer when its embedding is close enough and the near-miss guard finds nothing that differs (numbers,
 * named entities, negations, units, code identifiers).
 *
 * @param ttl                  how long an entry can be matched (default 1h)
 * @param threshold            {@code auto} (null here): the cosine similarity calibrated on a labelled set and shipped
 *                             with Bursar; or a number in (0, 1]
 * @param scope                tags entries are kept apart by (default {@code [customer]}); the customer is always part
 *                             of it unless {@code share-across-customers: true}
 * @param maxEntries           entries in the index; the oldest go first (default 100,000)
 * @param enabled              {@code enabled: false} keeps the block but turns the semantic cache off
 * @param shareAcrossCustomers drop the customer from the scope (default false)
 */
public record SemanticCacheConfig(Duration ttl, String threshold, List<String> scope, Integer maxEntries,
                                  Boolean enabled, Boolean shareAcrossCustomers) {

    public SemanticCacheConfig {
        ttl = ttl == null ? Duration.ofHours(1) : ttl;
        threshold = threshold == null || threshold.isBlank() ? "auto" : threshold.trim();
        scope = CacheConfig.scopeOrDefault(scope);
        maxEntries = maxEntries == null ? 100_000 : maxEntries;
        enabled = enabled == null || enabled;
        shareAcrossCustomers = shareAcrossCustomers != null && shareAcrossCustomers;
        if (!threshold.equals("auto")) {
            BigDecimal t;
            try {
                t = new BigDecimal(threshold);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("threshold must be 'auto' or a number in (0, 1], got '" + threshold + "'");
            }
            if (t.signum() <= 0 || t.compareTo(BigDecimal.ONE) > 0) {
                throw new IllegalArgumentException("threshold must be 'auto' or a number in (0, 1], got '" + threshold + "'");
            }
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("max-entries must be at least 1");
        }
    }

    /** The configured threshold, or empty for {@code auto}. */
    public java.util.Optional<String> fixedThreshold() {
        return threshold.equals("auto") ? java.util.Optional.empty() : java.util.Optional.of(threshold);
    }
}
