package dev.bursar.config;

/**
 * A model the gateway serves: the name clients send, the provider that serves it, and the name sent upstream
 * (defaults to {@code name}). {@code price-as} names the catalog model to price it by when the upstream name is not
 * in the catalog (a fine-tune, a self-hosted copy); it defaults to the upstream name.
 */
public record ModelConfig(String name, String provider, String upstream, String priceAs) {

    public ModelConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
        if (provider == null || provider.isBlank()) {
            throw new IllegalArgumentException("provider is required");
        }
        upstream = upstream == null ? name : upstream;
        priceAs = priceAs == null ? upstream : priceAs;
    }
}
