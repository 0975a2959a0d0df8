package dev.bursar.config;

/**
 * A model the gateway serves: the name clients send, the provider that serves it, and the name sent upstream
 * (defaults to {@code name}). {@code price-as} names the catalog model to price it by when the upstream name is not
 * in the catalog (a fine-tune, a self-hosted copy); it defaults to the upstream name.
 * <p>
 * An entry with {@code route} instead of {@code provider} is a virtual model: a name clients ask for whose requests
 * are sent to one of the served models by {@link RouteConfig its rules}. It has no upstream or price of its own
 * (each call is priced as the model it went to), so {@code upstream} and {@code price-as} stay null.
 */
public record ModelConfig(String name, String provider, String upstream, String priceAs, RouteConfig route) {

    public ModelConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
        boolean hasProvider = provider != null && !provider.isBlank();
        if (hasProvider == (route != null)) {
            throw new IllegalArgumentException("model '" + name + "' needs exactly one of 'provider' (a model served by"
                    + " that provider) or 'route' (a virtual model routed to other models), "
                    + (hasProvider ? "not both" : "got neither"));
        }
        if (route != null && (upstream != null || priceAs != null)) {
            throw new IllegalArgumentException("model '" + name + "' has a 'route': 'upstream' and 'price-as' belong to"
                    + " the models it routes to");
        }
        if (route == null) {
            upstream = upstream == null ? name : upstream;
            priceAs = priceAs == null ? upstream : priceAs;
        }
    }

    /** A model served by a provider. */
    public ModelConfig(String name, String provider, String upstream, String priceAs) {
        this(name, provider, upstream, priceAs, null);
    }

    public boolean virtual() {
        return route != null;
    }
}
