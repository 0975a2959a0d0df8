package dev.bursar.config;

import java.util.List;
import java.util.Optional;

/**
 * A model the gateway serves: the name clients send, the provider that serves it, and the name sent upstream
 * (defaults to {@code name}). {@code price-as} names the catalog model to price it by when the upstream name is not
 * in the catalog (a fine-tune, a self-hosted copy); it defaults to the upstream name.
 * <p>
 * An entry with {@code route} instead of {@code provider} is a virtual model: a name clients ask for whose requests
 * are sent to one of the served models by {@link RouteConfig its rules}. It has no upstream or price of its own
 * (each call is priced as the model it went to), so {@code upstream} and {@code price-as} stay null.
 * <p>
 * {@code fallbacks} are tried in order when this model's provider fails (its circuit is open, its retries are spent,
 * it timed out): see {@link FallbackConfig}. {@code timeouts} override its provider's key by key for this model
 * alone (a slow reasoning model on a fast provider), and its fallbacks keep their own providers' timeouts.
 * <p>
 * {@code cache: off} keeps this model's answers out of the cache (exact and semantic) even when {@code cache:} is on.
 */
public record ModelConfig(String name, String provider, String upstream, String priceAs, RouteConfig route,
                          List<FallbackConfig> fallbacks, TimeoutsConfig timeouts, Switch cache) {

    /**
     * A candidate tried when the ones before it failed: {@code model} is a served model name, called through its own
     * route's provider, unless {@code provider} names another configured provider: then that provider is sent
     * {@code model} as the upstream name and the call is priced as the catalog's {@code model}.
     */
    public record FallbackConfig(String model, String provider) {
        public FallbackConfig {
            if (model == null || model.isBlank()) {
                throw new IllegalArgumentException("a fallback needs 'model': a model this gateway serves");
            }
            if (provider != null && provider.isBlank()) {
                provider = null;
            }
        }

        public Optional<String> viaProvider() {
            return Optional.ofNullable(provider);
        }
    }

    @com.fasterxml.jackson.annotation.JsonCreator
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
        fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
        if (route != null && !fallbacks.isEmpty()) {
            throw new IllegalArgumentException("model '" + name + "' has a 'route': 'fallbacks' belong to the models it"
                    + " routes to (a rule's chosen model brings its own fallbacks)");
        }
        timeouts = timeouts == null ? TimeoutsConfig.none() : timeouts;
        if (route != null && !timeouts.equals(TimeoutsConfig.none())) {
            throw new IllegalArgumentException("model '" + name + "' has a 'route': 'timeouts' belong to the models it"
                    + " routes to");
        }
        cache = cache == null ? Switch.ON : cache;
        if (cache == Switch.AUTO) {
            throw new IllegalArgumentException("model '" + name + "': cache must be 'on' or 'off'");
        }
        if (route == null) {
            upstream = upstream == null ? name : upstream;
            priceAs = priceAs == null ? upstream : priceAs;
        }
    }

    /** A model served by a provider. */
    public ModelConfig(String name, String provider, String upstream, String priceAs) {
        this(name, provider, upstream, priceAs, null, List.of(), null, null);
    }

    /** A model with fallbacks and its provider's timeouts. */
    public ModelConfig(String name, String provider, String upstream, String priceAs, RouteConfig route,
                       List<FallbackConfig> fallbacks) {
        this(name, provider, upstream, priceAs, route, fallbacks, null, null);
    }

    /** A model served by a provider, or a virtual model, without fallbacks. */
    public ModelConfig(String name, String provider, String upstream, String priceAs, RouteConfig route) {
        this(name, provider, upstream, priceAs, route, List.of(), null, null);
    }

    /** A model served by a provider with its own timeouts. */
    public ModelConfig(String name, String provider, String upstream, String priceAs, RouteConfig route,
                       List<FallbackConfig> fallbacks, TimeoutsConfig timeouts) {
        this(name, provider, upstream, priceAs, route, fallbacks, timeouts, null);
    }

    public boolean cacheable() {
        return cache == Switch.ON;
    }

    public boolean virtual() {
        return route != null;
    }
}
