package dev.bursar.config;

import java.util.Set;

/**
 * Requests and tokens per minute for a scope ({@code key}, {@code customer} or {@code feature}); {@code match "*"}
 * gives every value its own limit. Tokens are counted as prompt (counted locally) plus requested max output at
 * admission, corrected to the real usage afterwards.
 */
public record RateLimitConfig(String scope, String match, Integer rpm, Integer tpm) {

    public static final Set<String> SCOPES = Set.of("key", "customer", "feature", "team", "environment", "global");

    public RateLimitConfig {
        if (scope == null || !SCOPES.contains(scope)) {
            throw new IllegalArgumentException("scope must be one of " + SCOPES.stream().sorted().toList() + ", got " + scope);
        }
        match = match == null ? "*" : match;
        if (rpm == null && tpm == null) {
            throw new IllegalArgumentException("give rpm, tpm or both");
        }
        if ((rpm != null && rpm < 1) || (tpm != null && tpm < 1)) {
            throw new IllegalArgumentException("rpm and tpm must be positive");
        }
    }
}
