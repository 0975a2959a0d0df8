package dev.bursar.routing;

import dev.bursar.config.ModelConfig;
import dev.bursar.pricing.ModelInfo;
import dev.bursar.pricing.ModelNames;
import dev.bursar.pricing.PriceCatalog;
import dev.bursar.providers.Provider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Resolves the model a client asks for to a provider. Configured models come first; then every catalog model is
 * served by the provider of its vendor when one is configured, else by {@code sim} when there is one. The table is
 * built once at start: the lookup on the request path is one map access.
 */
public final class ModelRoutes {

    /** Which provider serves a catalog vendor's models ("openai", "anthropic", "google", ...), and the sim. */
    public record VendorProviders(Map<String, Provider> byVendor, Provider sim) {
    }

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    private final Map<String, Route> routes;
    private final List<String> simServed;

    private ModelRoutes(Map<String, Route> routes, List<String> simServed) {
        this.routes = routes;
        this.simServed = simServed;
    }

    public static ModelRoutes build(List<ModelConfig> configured, Map<String, Provider> providersByName,
                                    Map<String, Duration> timeouts, VendorProviders vendors, PriceCatalog catalog) {
        Map<String, Route> routes = new LinkedHashMap<>();
        List<String> simServed = new ArrayList<>();
        for (ModelInfo m : catalog.models()) {
            Provider p = vendors.byVendor().get(m.provider());
            String reason = "catalog";
            if (p == null) {
                p = vendors.sim();
                reason = "sim";
            }
            if (p == null) {
                continue;
            }
            Duration timeout = timeouts.getOrDefault(p.name(), DEFAULT_TIMEOUT);
            Route r = new Route(m.id(), m.id(), p, m.id(), reason, timeout);
            if (reason.equals("sim")) {
                simServed.add(m.id());
            }
            put(routes, m.id(), r);
            for (String alias : m.aliases()) {
                put(routes, alias, new Route(alias, m.id(), p, alias, reason, timeout));
            }
        }
        for (ModelConfig mc : configured) {
            Provider p = providersByName.get(mc.provider());
            String priceModel = catalog.model(mc.priceAs()).map(ModelInfo::id).orElse(mc.priceAs());
            simServed.remove(mc.name());
            put(routes, mc.name(), new Route(mc.name(), priceModel, p, mc.upstream(), "configured",
                    timeouts.getOrDefault(p.name(), DEFAULT_TIMEOUT)));
        }
        return new ModelRoutes(Map.copyOf(routes), List.copyOf(simServed));
    }

    private static void put(Map<String, Route> routes, String name, Route r) {
        routes.put(name.toLowerCase(Locale.ROOT), r);
    }

    public Optional<Route> resolve(String model) {
        return Optional.ofNullable(routes.get(model.toLowerCase(Locale.ROOT)));
    }

    /** Every servable name with its route, sorted by name. */
    public Map<String, Route> all() {
        Map<String, Route> sorted = new TreeMap<>();
        routes.values().forEach(r -> sorted.put(r.requestedModel(), r));
        return sorted;
    }

    /** Catalog models that only the sim provider serves (announced at start-up). */
    public List<String> simServed() {
        return simServed;
    }

    /** Up to three served names that look like {@code model}, for "did you mean" messages. */
    public List<String> closest(String model) {
        return ModelNames.closest(model.toLowerCase(Locale.ROOT), routes.keySet(), 3);
    }
}
