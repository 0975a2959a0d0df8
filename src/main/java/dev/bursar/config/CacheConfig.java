package dev.bursar.config;

import java.util.List;

/**
 * {@code cache:}, answers Bursar gives again instead of paying a provider twice. Absent, nothing is cached: a gateway
 * that starts answering from memory must be asked to. Present, the exact cache is on for every model unless the model
 * says {@code cache: off}; the semantic cache only with a {@code semantic:} block.
 *
 * @param exact                {@code cache.exact}: the same request, byte for byte once canonicalised
 * @param semantic             {@code cache.semantic}, or null: a paraphrase of an answered request
 * @param redis                {@code cache.redis: true}: entries live in the top-level {@code redis:}, shared by replicas
 * @param anthropicPromptCache {@code cache.anthropic-prompt-cache}: {@code auto} lets Bursar mark long, stable system
 *                             prompts with Anthropic's {@code cache_control}; {@code off} (the default) never touches them
 */
public record CacheConfig(ExactCacheConfig exact, SemanticCacheConfig semantic, Boolean redis,
                          Switch anthropicPromptCache) {

    public CacheConfig {
        exact = exact == null ? ExactCacheConfig.defaults() : exact;
        redis = redis != null && redis;
        anthropicPromptCache = anthropicPromptCache == null ? Switch.OFF : anthropicPromptCache;
        if (anthropicPromptCache == Switch.ON) {
            throw new IllegalArgumentException("anthropic-prompt-cache must be 'auto' or 'off'");
        }
    }

    /** No {@code cache:} block: nothing is cached. */
    public static CacheConfig none() {
        return new CacheConfig(new ExactCacheConfig(null, null, false, null, null, null, null, null), null, false, null);
    }

    public boolean exactOn() {
        return exact.enabled();
    }

    public boolean semanticOn() {
        return semantic != null && semantic.enabled();
    }

    /** The tags a cache entry is scoped by, from {@code scope: [customer, feature]}. */
    public static List<String> scopeOrDefault(List<String> scope) {
        List<String> s = scope == null || scope.isEmpty() ? List.of("customer") : List.copyOf(scope);
        for (String tag : s) {
            if (!SCOPES.contains(tag)) {
                throw new IllegalArgumentException("scope '" + tag + "' is not one of " + SCOPES);
            }
        }
        return s;
    }

    static final List<String> SCOPES = List.of("customer", "user", "team", "feature", "environment", "prompt-version", "key");
}
