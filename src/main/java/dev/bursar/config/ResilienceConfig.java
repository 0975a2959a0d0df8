package dev.bursar.config;

/**
 * {@code resilience:}, what the request path does when a provider fails.
 *
 * @param retry          {@code resilience.retry}, or null when absent: then {@code gateway.max-attempts} decides,
 *                       retrying at once as Bursar always did (the two cannot both be set; {@link ConfigLoader}
 *                       refuses that)
 * @param circuitBreaker {@code resilience.circuit-breaker}, or null when absent: then every provider is always
 *                       called, as Bursar always did
 */
public record ResilienceConfig(RetryConfig retry, CircuitBreakerConfig circuitBreaker) {

    public static ResilienceConfig defaults() {
        return new ResilienceConfig(null, null);
    }
}
