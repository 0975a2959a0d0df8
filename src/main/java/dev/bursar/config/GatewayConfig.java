package dev.bursar.config;

/**
 * Request-path settings.
 *
 * @param maxAttempts           upstream attempts per request for retriable failures (1 = no retry)
 * @param worstCaseOutputTokens ceiling on the output tokens a budget reservation assumes when a request sets no
 *                              max_tokens (the model's own maximum is used if lower)
 */
public record GatewayConfig(Integer maxAttempts, Long worstCaseOutputTokens) {

    public GatewayConfig {
        maxAttempts = maxAttempts == null ? 1 : maxAttempts;
        worstCaseOutputTokens = worstCaseOutputTokens == null ? 4096L : worstCaseOutputTokens;
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("max-attempts must be 1..10");
        }
        if (worstCaseOutputTokens < 1) {
            throw new IllegalArgumentException("worst-case-output-tokens must be positive");
        }
    }

    public static GatewayConfig defaults() {
        return new GatewayConfig(null, null);
    }
}
