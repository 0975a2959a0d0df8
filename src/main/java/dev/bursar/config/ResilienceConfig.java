package dev.bursar.config;

/**
 * {@code resilience:}, what the request path does when a provider fails.
 *
 * @param circuitBreaker {@code resilience.circuit-breaker}, or null when absent: then every provider is always
 *                       called, as Bursar always did
 */
public record ResilienceConfig(CircuitBreakerConfig circuitBreaker) {

    public static ResilienceConfig defaults() {
        return new ResilienceConfig(null);
    }
}
