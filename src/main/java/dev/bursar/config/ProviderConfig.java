package dev.bursar.config;

import java.time.Duration;
import java.util.Map;

/**
 * One upstream provider instance.
 *
 * @param name    how models and the ledger refer to it
 * @param type    the provider's protocol
 * @param baseUrl e.g. {@code https://api.openai.com/v1}; {@code null} means the type's public default
 * @param apiKey  the provider's key ({@code ${ENV}} resolved); null for sim and keyless local servers
 * @param headers extra headers sent upstream on every call
 * @param timeout  the older single timeout, or null: sets first-token, between-events and a whole call's total
 *                 (a provider's {@code timeouts} cannot also set total; {@link ConfigLoader} refuses that)
 * @param sim      settings of a {@code sim} provider (defaults otherwise)
 * @param timeouts this provider's timeouts per phase, overriding {@code resilience.timeouts} key by key; never null
 */
public record ProviderConfig(
        String name,
        ProviderType type,
        String baseUrl,
        String apiKey,
        Map<String, String> headers,
        Duration timeout,
        SimConfig sim,
        TimeoutsConfig timeouts) {

    public ProviderConfig {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            throw new IllegalArgumentException("timeout must be a positive duration (e.g. 30s)");
        }
        timeouts = timeouts == null ? TimeoutsConfig.none() : timeouts;
        sim = sim == null ? SimConfig.defaults() : sim;
    }

    /** As before per-phase timeouts: none of this provider's own. */
    public ProviderConfig(String name, ProviderType type, String baseUrl, String apiKey, Map<String, String> headers,
                          Duration timeout, SimConfig sim) {
        this(name, type, baseUrl, apiKey, headers, timeout, sim, null);
    }
}
