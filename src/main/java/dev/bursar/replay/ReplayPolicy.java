package dev.bursar.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bursar.config.CacheConfig;
import dev.bursar.config.ConfigException;
import dev.bursar.config.ConfigLoader;
import dev.bursar.pricing.PriceCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code bursar replay} tries instead of what happened: {@code routes:} (the first that takes a request decides
 * where it goes; a request no route takes stays on the model that answered it) and {@code cache:} (the same block as
 * in {@code bursar.yaml}; absent, nothing is cached). Read as strictly as {@code bursar.yaml}: an unknown key fails
 * with its path.
 */
public record ReplayPolicy(List<PolicyRoute> routes, CacheConfig cache) {

    public ReplayPolicy {
        routes = routes == null ? List.of() : List.copyOf(routes);
        cache = cache == null ? CacheConfig.none() : cache;
    }

    public static ReplayPolicy load(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new ConfigException("cannot read policy file " + file + ": " + e.getMessage(), e);
        }
    }

    public static ReplayPolicy parse(String yaml, String source) {
        JsonNode tree;
        try {
            tree = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new ConfigException(source + ": not valid YAML: " + e.getMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new ConfigException(source + ": a policy is a mapping with 'routes' and/or 'cache'");
        }
        knownRouteKeys(tree.path("routes"), source);
        return ConfigLoader.bind(tree, ReplayPolicy.class, source);
    }

    private static final List<String> ROUTE_KEYS = List.of("model", "feature", "to", "strategy", "strong", "weak",
            "quality-target");

    /**
     * Checked on the tree: a route's own checks run when it is built, before the binder would get to a misspelt key,
     * and "needs strong and weak" is a confusing answer to a typo.
     */
    private static void knownRouteKeys(JsonNode routes, String source) {
        for (int i = 0; i < routes.size(); i++) {
            for (var it = routes.get(i).fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!ROUTE_KEYS.contains(key.replace('_', '-'))) {
                    throw new ConfigException(source + ": unknown key 'routes[" + i + "]." + key + "' (known keys here: "
                            + String.join(", ", ROUTE_KEYS) + ")");
                }
            }
        }
    }

    /** The route that takes a request, if any: the first in the file's order. */
    java.util.Optional<PolicyRoute> routeFor(String requested, String served, String feature) {
        return routes.stream().filter(r -> r.takes(requested, served, feature)).findFirst();
    }

    /** Every model the policy can send a request to must have a price, or nothing could be repriced. */
    void checkPriced(PriceCatalog catalog) {
        List<String> missing = new ArrayList<>();
        for (PolicyRoute r : routes) {
            for (String m : r.learned() ? List.of(r.strong(), r.weak()) : List.of(r.to())) {
                if (catalog.model(m).isEmpty() && !missing.contains(m)) {
                    missing.add(m);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the policy sends requests to " + missing + ", which the price catalog"
                    + " does not list (bursar prices list)");
        }
    }
}
