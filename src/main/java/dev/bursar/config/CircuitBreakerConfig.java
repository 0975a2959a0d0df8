package dev.bursar.config;

import java.time.Duration;

/**
 * {@code resilience.circuit-breaker}: when a provider stops being called for a while. Every key is optional; the
 * defaults are the documented example ({@code { failure-rate: 50, window: 30s, min-calls: 20, open-for: 30s }}).
 *
 * @param failureRate percent (1..100) of provider-side failures over {@code window} that opens the circuit
 * @param window      how far back the failure rate looks (a sliding window)
 * @param minCalls    attempts the window must hold before its rate counts: two failures out of three say little
 * @param openFor     how long an open circuit refuses calls before one trial call may test the provider again
 */
public record CircuitBreakerConfig(Integer failureRate, Duration window, Integer minCalls, Duration openFor) {

    public CircuitBreakerConfig {
        failureRate = failureRate == null ? 50 : failureRate;
        window = window == null ? Duration.ofSeconds(30) : window;
        minCalls = minCalls == null ? 20 : minCalls;
        openFor = openFor == null ? Duration.ofSeconds(30) : openFor;
        if (failureRate < 1 || failureRate > 100) {
            throw new IllegalArgumentException("failure-rate is a percentage, 1..100; got " + failureRate);
        }
        if (window.toMillis() < 10) {
            throw new IllegalArgumentException("window must be at least 10ms; got " + window.toMillis() + "ms");
        }
        if (minCalls < 1) {
            throw new IllegalArgumentException("min-calls must be at least 1; got " + minCalls);
        }
        if (openFor.toMillis() < 1) {
            throw new IllegalArgumentException("open-for must be positive");
        }
    }

    public static CircuitBreakerConfig defaults() {
        return new CircuitBreakerConfig(null, null, null, null);
    }
}
