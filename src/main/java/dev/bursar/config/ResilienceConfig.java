package dev.bursar.config;

/**
 * {@code resilience:}, what the request path does when a provider fails.
 *
 * @param retry {@code resilience.retry}, or null when absent: then {@code gateway.max-attempts} decides, retrying
 *              at once as Bursar always did (the two cannot both be set; {@link ConfigLoader} refuses that)
 */
public record ResilienceConfig(RetryConfig retry) {

    public static ResilienceConfig defaults() {
        return new ResilienceConfig(null);
    }
}
