package dev.bursar.config;

/**
 * {@code resilience:}, what the request path does when a provider fails.
 *
 * @param retry          {@code resilience.retry}, or null when absent: then {@code gateway.max-attempts} decides,
 *                       retrying at once as Bursar always did (the two cannot both be set; {@link ConfigLoader}
 *                       refuses that)
 * @param circuitBreaker {@code resilience.circuit-breaker}, or null when absent: then every provider is always
 *                       called, as Bursar always did
 * @param timeouts       {@code resilience.timeouts}: every provider's timeouts per phase, which a provider's own
 *                       {@code timeouts} (or its older {@code timeout}) override key by key; never null
 */
public record ResilienceConfig(RetryConfig retry, CircuitBreakerConfig circuitBreaker, TimeoutsConfig timeouts) {

    public ResilienceConfig {
        timeouts = timeouts == null ? TimeoutsConfig.none() : timeouts;
    }

    /** Without {@code timeouts}: every provider keeps its own (or the defaults). */
    public ResilienceConfig(RetryConfig retry, CircuitBreakerConfig circuitBreaker) {
        this(retry, circuitBreaker, null);
    }

    public static ResilienceConfig defaults() {
        return new ResilienceConfig(null, null, null);
    }
}
