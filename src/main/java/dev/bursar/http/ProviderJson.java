package dev.bursar.http;

import dev.bursar.config.ProviderConfig;
import dev.bursar.resilience.CircuitSnapshot;
import java.math.BigDecimal;
import java.util.List;

/** The admin API's provider objects: each configured provider and, when circuit breakers are on, its circuit. */
final class ProviderJson {

    private ProviderJson() {
    }

    /**
     * One circuit now. {@code halfOpensAt} (ISO-8601) is when an open circuit lets a trial call through, null
     * unless open; the failure rate is a percentage over the window, as the config's {@code failure-rate}.
     */
    record Circuit(String state, BigDecimal failureRatePercent, int callsInWindow, int failuresInWindow, String halfOpensAt) {

        static Circuit of(CircuitSnapshot s) {
            return new Circuit(s.state().label(), s.failureRatePercent(), s.callsInWindow(), s.failuresInWindow(),
                    s.halfOpensAt() == null ? null : s.halfOpensAt().toString());
        }
    }

    /** {@code circuit} is null when {@code resilience.circuit-breaker} is not configured: the provider is always called. */
    record Provider(String name, String type, Circuit circuit) {

        static Provider of(ProviderConfig pc, Circuit circuit) {
            return new Provider(pc.name(), pc.type().toString(), circuit);
        }
    }

    record Listed(List<Provider> data) {
    }
}
