package dev.bursar.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A provider whose {@code api-key} is an environment variable that is not set is left out, with a warning, and its
 * models are served by the sim provider, as every model is when no key is set at all. So the example config runs
 * on a machine without accounts, and setting the key later switches those models to the real provider. Only the
 * unset variable is forgiven: a key written literally, or a variable set to a wrong key, reaches the provider.
 *
 * <p>Two steps, so errors in the rest of the file still name the user's own paths and indices: {@link #find}
 * before binding, {@link #leaveOut} after.
 */
final class UnsetProviderKeys {

    private static final Pattern ENV_REF = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-[^}]*)?}");

    /** Providers to leave out, by name, with the variable each one lacks. */
    record Skipped(Map<String, String> unsetByProvider) {
        boolean isEmpty() {
            return unsetByProvider.isEmpty();
        }
    }

    private UnsetProviderKeys() {
    }

    /** Finds the providers whose api-key is unset and drops that api-key from {@code tree}, so binding can go on. */
    static Skipped find(JsonNode tree, Map<String, String> env) {
        Map<String, String> skipped = new LinkedHashMap<>();
        if (tree.get("providers") instanceof ArrayNode providers) {
            for (JsonNode p : providers) {
                Optional<String> unset = unsetVariable(p.path("api-key"), env);
                if (unset.isPresent() && p instanceof ObjectNode node && p.path("name").isTextual()) {
                    skipped.put(p.path("name").asText(), unset.get());
                    node.remove("api-key");
                }
            }
        }
        return new Skipped(skipped);
    }

    /** {@code config} without the skipped providers, their models moved to the first sim provider (added if none). */
    static BursarConfig leaveOut(BursarConfig config, Skipped skipped, String source, Consumer<String> warn) {
        if (skipped.isEmpty()) {
            return config;
        }
        List<ProviderConfig> providers = new ArrayList<>();
        for (ProviderConfig p : config.providers()) {
            if (!skipped.unsetByProvider().containsKey(p.name())) {
                providers.add(p);
            }
        }
        String sim = simProvider(providers);
        List<ModelConfig> models = new ArrayList<>();
        Map<String, List<String>> moved = new LinkedHashMap<>();
        for (ModelConfig m : config.models()) {
            if (!m.virtual() && skipped.unsetByProvider().containsKey(m.provider())) {
                moved.computeIfAbsent(m.provider(), k -> new ArrayList<>()).add(m.name());
                m = new ModelConfig(m.name(), sim, m.upstream(), m.priceAs(), null, m.fallbacks(), m.timeouts(), m.cache());
            }
            if (m.fallbacks().stream().anyMatch(f -> f.provider() != null && skipped.unsetByProvider().containsKey(f.provider()))) {
                m = new ModelConfig(m.name(), m.provider(), m.upstream(), m.priceAs(), m.route(), m.fallbacks().stream()
                        .map(f -> f.provider() != null && skipped.unsetByProvider().containsKey(f.provider())
                                ? new ModelConfig.FallbackConfig(f.model(), sim) : f)
                        .toList(), m.timeouts(), m.cache());
            }
            models.add(m);
        }
        skipped.unsetByProvider().forEach((name, variable) -> {
            List<String> its = moved.getOrDefault(name, List.of());
            warn.accept(source + ": provider '" + name + "' left out: its api-key refers to " + variable
                    + ", which is not set; " + (its.isEmpty() ? "its vendor's models are served by the sim provider"
                    : "its models " + its + " are served by the sim provider '" + sim + "'"));
        });
        return new BursarConfig(config.server(), config.storage(), config.redis(), config.gateway(), providers, models,
                config.keys(), config.budgets(), config.rateLimits(), config.alerts(), config.resilience(), config.cache(),
                config.capture(), config.costs(), config.plans(), config.customers(), config.batch());
    }

    /** The variable an api-key refers to when it is not set and has no default. */
    private static Optional<String> unsetVariable(JsonNode apiKey, Map<String, String> env) {
        if (!apiKey.isTextual()) {
            return Optional.empty();
        }
        Matcher m = ENV_REF.matcher(apiKey.asText());
        while (m.find()) {
            if (m.group(2) == null && env.get(m.group(1)) == null) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    /** The first configured sim provider, else a new one named {@code sim} (or {@code sim-2}, … if taken). */
    private static String simProvider(List<ProviderConfig> providers) {
        List<String> names = new ArrayList<>();
        for (ProviderConfig p : providers) {
            if (p.type() == ProviderType.SIM) {
                return p.name();
            }
            names.add(p.name());
        }
        String name = "sim";
        for (int i = 2; names.contains(name); i++) {
            name = "sim-" + i;
        }
        providers.add(new ProviderConfig(name, ProviderType.SIM, null, null, null, null, null));
        return name;
    }
}
