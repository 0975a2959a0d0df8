package dev.bursar.resilience;

import dev.bursar.config.CircuitBreakerConfig;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The circuit of every configured provider, asked by the request path before each attempt. Without
 * {@code resilience.circuit-breaker} there are no circuits and every provider is always callable.
 */
public final class ProviderHealth {

    private final Map<String, CircuitBreaker> breakers;
    private final Clock clock;

    private ProviderHealth(Map<String, CircuitBreaker> breakers, Clock clock) {
        this.breakers = breakers;
        this.clock = clock;
    }

    /** One circuit per provider name; {@code config} null (the section is absent) means none. */
    public static ProviderHealth of(Collection<String> providers, CircuitBreakerConfig config, Clock clock) {
        Map<String, CircuitBreaker> m = new LinkedHashMap<>();
        if (config != null) {
            providers.forEach(name -> m.put(name, new CircuitBreaker(name, config, clock)));
        }
        return new ProviderHealth(Map.copyOf(m), clock);
    }

    public static ProviderHealth none() {
        return new ProviderHealth(Map.of(), Clock.systemUTC());
    }

    /** Is {@code provider} callable now? The answer goes back to {@link #record} with the attempt's outcome. */
    public CallPermission tryCall(String provider) {
        CircuitBreaker b = breakers.get(provider);
        return b == null ? CallPermission.NORMAL : b.tryCall();
    }

    public void record(String provider, CallPermission permission, CallOutcome outcome) {
        CircuitBreaker b = breakers.get(provider);
        if (b != null) {
            b.record(permission, outcome);
        }
    }

    /** The circuit of {@code provider}; empty when circuits are off or the provider is unknown. */
    public Optional<CircuitSnapshot> snapshot(String provider) {
        return Optional.ofNullable(breakers.get(provider)).map(CircuitBreaker::snapshot);
    }

    /** Each provider's {@link CircuitState#code}, for the {@code bursar_circuit_state} gauge. */
    public Map<String, Integer> stateCodes() {
        Map<String, Integer> codes = new LinkedHashMap<>();
        breakers.forEach((name, b) -> codes.put(name, b.state().code()));
        return codes;
    }

    public Clock clock() {
        return clock;
    }
}
