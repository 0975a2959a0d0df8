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
 * @param timeout whole-call timeout, and the longest gap between two stream chunks
 * @param sim     settings of a {@code sim} provider (defaults otherwise)
 */
public record ProviderConfig(
        String name,
        ProviderType type,
        String baseUrl,
        String apiKey,
        Map<String, String> headers,
        Duration timeout,
        SimConfig sim) {

    public ProviderConfig {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        timeout = timeout == null ? Duration.ofSeconds(120) : timeout;
        sim = sim == null ? SimConfig.defaults() : sim;
    }
}
