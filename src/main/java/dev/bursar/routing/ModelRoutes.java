package dev.bursar.routing;

import dev.bursar.config.ConfigException;
import dev.bursar.config.ModelConfig;
import dev.bursar.config.RouteConfig;
import dev.bursar.pricing.ModelInfo;
import dev.bursar.pricing.ModelNames;
import dev.bursar.pricing.PriceCatalog;
import dev.bursar.providers.Provider;
import dev.bursar.providers.Timeouts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Resolves the model a client asks for to a provider. Configured models come first; then every catalog model is
 * served by the provider of its vendor when one is configured, else by {@code sim} when there is one. The table is
 * built once at start: the lookup on the request path is one map access.
 */
public final class ModelRoutes {

    /** Which provider serves a catalog vendor's models ("openai", "anthropic", "google", ...), and the sim. */
    public record VendorProviders(Map<String, Provider> byVendor, Provider sim) {
    }


    private final Map<String, Route> routes;
    private final Map<String, VirtualRoute> virtual;
    private final List<String> simServed;

    private ModelRoutes(Map<String, Route> routes, Map<String, VirtualRoute> virtual, List<String> simServed) {
        this.routes = routes;
        this.virtual = virtual;
        this.simServed = simServed;
    }

    /** A table without learned routes (a {@code strategy: learned} model is refused). */
    public static ModelRoutes build(List<ModelConfig> configured, Map<String, Provider> providersByName,
                                    Map<String, Timeouts> timeouts, VendorProviders vendors, PriceCatalog catalog) {
        return build(configured, providersByName, timeouts, vendors, catalog, () -> {
            throw new ConfigException("'strategy: learned' needs the learned router, which this gateway was built without");
        });
    }

    /**
     * @param learned the scorer of {@code strategy: learned} routes; asked for only when one is configured, so a
     *                gateway without them never loads the embedding model
     */
    public static ModelRoutes build(List<ModelConfig> configured, Map<String, Provider> providersByName,
                                    Map<String, Timeouts> timeouts, VendorProviders vendors, PriceCatalog catalog,
                                    Supplier<DifficultyScorer> learned) {
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
            Timeouts timeout = timeouts.getOrDefault(p.name(), Timeouts.DEFAULTS);
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
            if (mc.virtual()) {
                continue;
            }
            Provider p = providersByName.get(mc.provider());
            String priceModel = catalog.model(mc.priceAs()).map(ModelInfo::id).orElse(mc.priceAs());
            simServed.remove(mc.name());
            put(routes, mc.name(), new Route(mc.name(), priceModel, p, mc.upstream(), "configured",
                    timeouts.getOrDefault(p.name(), Timeouts.DEFAULTS).overriddenBy(mc.timeouts())));
        }
        // Fallbacks next: they name served models, configured or from the catalog, in any order.
        Map<String, Route> plain = Map.copyOf(routes);
        for (int i = 0; i < configured.size(); i++) {
            ModelConfig mc = configured.get(i);
            if (!mc.fallbacks().isEmpty()) {
                List<Route> fallbacks = new ArrayList<>();
                for (int f = 0; f < mc.fallbacks().size(); f++) {
                    fallbacks.add(fallback(mc.fallbacks().get(f), "models[" + i + "].fallbacks[" + f + "]", plain,
                            providersByName, timeouts, catalog).relabelled(mc.name(), "fallback"));
                }
                Route primary = plain.get(mc.name().toLowerCase(Locale.ROOT));
                put(routes, mc.name(), new Route(primary.requestedModel(), primary.priceModel(), primary.provider(),
                        primary.upstreamModel(), primary.reason(), primary.timeouts(), fallbacks));
            }
        }
        // Virtual models last: their rules name served models only, so they are compiled against the finished table
        // (a rule's chosen model brings its own fallbacks).
        Map<String, Route> served = Map.copyOf(routes);
        Map<String, VirtualRoute> virtual = new LinkedHashMap<>();
        Supplier<DifficultyScorer> scorer = once(learned);
        for (int i = 0; i < configured.size(); i++) {
            ModelConfig mc = configured.get(i);
            if (mc.virtual()) {
                String at = "models[" + i + "].route";
                VirtualRoute chooser;
                if (mc.route().learned()) {
                    chooser = learned(mc, at, served, scorer);
                } else {
                    chooser = compile(mc, at, served);
                }
                virtual.put(mc.name().toLowerCase(Locale.ROOT), chooser);
                simServed.remove(mc.name());
                put(routes, mc.name(), chooser.fallback());
            }
        }
        return new ModelRoutes(Map.copyOf(routes), Map.copyOf(virtual), List.copyOf(simServed));
    }

    private static RuleRoute compile(ModelConfig mc, String at, Map<String, Route> served) {
        RouteConfig rc = mc.route();
        List<RuleRoute.Rule> rules = new ArrayList<>();
        for (int r = 0; r < rc.rules().size(); r++) {
            RouteConfig.RuleConfig rule = rc.rules().get(r);
            Route target = target(served, rule.model(), at + ".rules[" + r + "].model");
            rules.add(new RuleRoute.Rule(Condition.of(rule.when()), routed(mc.name(), target, Route.RULE + (r + 1))));
        }
        Route fallback = routed(mc.name(), target(served, rc.defaultModel(), at + ".default"), Route.RULE + "default");
        return new RuleRoute(rules, fallback);
    }

    /** The targets are checked before the scorer is asked for: a typo must not wait for the model to load. */
    private static LearnedRoute learned(ModelConfig mc, String at, Map<String, Route> served,
                                        Supplier<DifficultyScorer> scorers) {
        RouteConfig rc = mc.route();
        Route strong = routed(mc.name(), target(served, rc.strong(), at + ".strong"), Route.LEARNED + "strong");
        Route weak = routed(mc.name(), target(served, rc.weak(), at + ".weak"), Route.LEARNED + "weak");
        DifficultyScorer scorer = scorers.get();
        double threshold = rc.threshold() != null ? rc.threshold() : scorer.threshold(rc.qualityTarget());
        return new LearnedRoute(scorer, threshold, strong, weak);
    }

    /** Asks {@code supplier} at most once, however many learned routes there are. */
    private static Supplier<DifficultyScorer> once(Supplier<DifficultyScorer> supplier) {
        DifficultyScorer[] made = new DifficultyScorer[1];
        return () -> made[0] != null ? made[0] : (made[0] = supplier.get());
    }

    /** The target's provider, upstream name, price and fallbacks, booked under the name the client asked for. */
    private static Route routed(String virtualName, Route target, String reason) {
        return target.relabelled(virtualName, reason);
    }

    /**
     * One fallback: the served model's own route, or with {@code provider:} that provider sent {@code model} as the
     * upstream name, priced as the catalog's {@code model} (or as the served model's price when the name is a
     * configured one).
     */
    private static Route fallback(ModelConfig.FallbackConfig fc, String at, Map<String, Route> served,
                                  Map<String, Provider> providersByName, Map<String, Timeouts> timeouts,
                                  PriceCatalog catalog) {
        Route target = target(served, fc.model(), at + ".model");
        if (fc.viaProvider().isEmpty()) {
            return new Route(target.requestedModel(), target.priceModel(), target.provider(), target.upstreamModel(),
                    "fallback", target.timeouts());
        }
        Provider p = providersByName.get(fc.provider());
        if (p == null) {
            throw new ConfigException("'" + at + ".provider' is '" + fc.provider() + "', which is not a configured provider");
        }
        String price = catalog.model(fc.model()).map(ModelInfo::id).orElse(target.priceModel());
        return new Route(fc.model(), price, p, fc.model(), "fallback", timeouts.getOrDefault(p.name(), Timeouts.DEFAULTS));
    }

    private static Route target(Map<String, Route> served, String model, String at) {
        Route r = served.get(model.toLowerCase(Locale.ROOT));
        if (r == null) {
            List<String> near = ModelNames.closest(model.toLowerCase(Locale.ROOT), served.keySet(), 3);
            throw new ConfigException("'" + at + "' is '" + model + "', which is not a model this gateway serves"
                    + (near.isEmpty() ? "" : " (did you mean " + String.join(", ", near) + "?)"));
        }
        return r;
    }

    private static void put(Map<String, Route> routes, String name, Route r) {
        routes.put(name.toLowerCase(Locale.ROOT), r);
    }

    /** The route of a served name; for a virtual model, its default's, until {@link #rules} picks with the facts. */
    public Optional<Route> resolve(String model) {
        return Optional.ofNullable(routes.get(model.toLowerCase(Locale.ROOT)));
    }

    /** How a virtual model chooses (rules or learned), given what {@link #resolve} answered for it; empty for a plain model. */
    public Optional<VirtualRoute> rules(Route resolved) {
        return virtual.isEmpty() ? Optional.empty()
                : Optional.ofNullable(virtual.get(resolved.requestedModel().toLowerCase(Locale.ROOT)));
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
