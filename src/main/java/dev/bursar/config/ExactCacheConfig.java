package dev.bursar.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code cache.exact}: an answer is given again to the same request (same model as resolved, same messages and every
 * parameter that changes the answer) from the same scope.
 *
 * @param ttl                 how long an answer is given again (default 1h)
 * @param maxEntries          entries kept in process; the least used go first (default 100,000)
 * @param enabled             {@code enabled: false} turns the exact cache off everywhere
 * @param scope               the tags entries are kept apart by, on top of the customer (default {@code [customer]}):
 *                            a request from another customer, or without one from another key, never shares an entry
 * @param shareAcrossCustomers {@code true}: the customer is dropped from the scope (a public FAQ bot); off by default
 * @param nonDeterministic    also cache requests whose temperature is above 0 and that set no seed (default false:
 *                            the client asked for a different answer each time)
 * @param toolCalls           also cache answers that call tools (default false: a tool call acts on the world)
 * @param multipleChoices     also cache requests with {@code n > 1} (default false)
 */
public record ExactCacheConfig(Duration ttl, Integer maxEntries, Boolean enabled, List<String> scope,
                               Boolean shareAcrossCustomers, Boolean nonDeterministic, Boolean toolCalls,
                               Boolean multipleChoices) {

    public ExactCacheConfig {
        ttl = ttl == null ? Duration.ofHours(1) : ttl;
        maxEntries = maxEntries == null ? 100_000 : maxEntries;
        enabled = enabled == null || enabled;
        scope = CacheConfig.scopeOrDefault(scope);
        shareAcrossCustomers = shareAcrossCustomers != null && shareAcrossCustomers;
        nonDeterministic = nonDeterministic != null && nonDeterministic;
        toolCalls = toolCalls != null && toolCalls;
        multipleChoices = multipleChoices != null && multipleChoices;
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("max-entries must be at least 1");
        }
    }

    public static ExactCacheConfig defaults() {
        return new ExactCacheConfig(null, null, null, null, null, null, null, null);
    }
}
