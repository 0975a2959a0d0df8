package dev.bursar.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads {@code bursar.yaml} strictly into {@link BursarConfig}: unknown keys fail with their path, {@code ${VAR}}
 * is replaced from the environment (a missing variable is an error, not an empty string, except in a provider's
 * api-key: see {@link UnsetProviderKeys}), dashed keys map to record components.
 */
public final class ConfigLoader {

    public static final String ENV_CONFIG = "BURSAR_CONFIG";
    public static final String DEFAULT_FILE = "bursar.yaml";
    private static final Pattern ENV_REF = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private ConfigLoader() {
    }

    /** Where the config comes from: an explicit path, then {@code BURSAR_CONFIG}, then ./bursar.yaml if present. */
    public static java.util.Optional<Path> locate(String explicitPath, Map<String, String> env) {
        if (explicitPath != null && !explicitPath.isBlank()) {
            return java.util.Optional.of(Path.of(explicitPath));
        }
        String fromEnv = env.get(ENV_CONFIG);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return java.util.Optional.of(Path.of(fromEnv));
        }
        Path local = Path.of(DEFAULT_FILE);
        return Files.isRegularFile(local) ? java.util.Optional.of(local) : java.util.Optional.empty();
    }

    /** The configuration every command uses: the located file, or the defaults when there is none. */
    public static BursarConfig resolve(String explicitPath, Map<String, String> env) {
        return resolve(explicitPath, env, warning -> { });
    }

    /** As {@link #resolve(String, Map)}, telling {@code warn} what was left out (a provider whose key is unset). */
    public static BursarConfig resolve(String explicitPath, Map<String, String> env, Consumer<String> warn) {
        var path = locate(explicitPath, env);
        if (path.isEmpty()) {
            return BursarConfig.defaults();
        }
        Path p = path.get();
        if (!Files.isRegularFile(p)) {
            throw new ConfigException("config file " + p + " does not exist");
        }
        try {
            return parse(Files.readString(p), env, p.toString(), warn);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + p + ": " + e.getMessage(), e);
        }
    }

    public static BursarConfig parse(String yaml, Map<String, String> env, String source) {
        return parse(yaml, env, source, warning -> { });
    }

    public static BursarConfig parse(String yaml, Map<String, String> env, String source, Consumer<String> warn) {
        ObjectMapper mapper = mapper();
        JsonNode tree;
        try {
            tree = mapper.readTree(yaml);
        } catch (IOException e) {
            tree = withQuotedReferences(mapper, yaml).orElseThrow(
                    () -> new ConfigException(source + ": not valid YAML: " + e.getMessage(), e));
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return BursarConfig.defaults();
        }
        if (!tree.isObject()) {
            throw new ConfigException(source + ": the top level must be a mapping of keys");
        }
        UnsetProviderKeys.Skipped skipped = UnsetProviderKeys.find(tree, env);
        tree = ReconcileConfig.leaveOutUnsetKeys(tree.deepCopy(), env, source, warn);
        JsonNode substituted = substitute(tree, env, source, "");
        if (substituted.path("gateway").has("max-attempts") && substituted.path("resilience").has("retry")) {
            // Checked on the tree: GatewayConfig fills in max-attempts: 1 when absent, so the record cannot tell.
            throw new ConfigException(source + ": 'gateway.max-attempts' and 'resilience.retry' both set the number of"
                    + " attempts; keep one (resilience.retry.max-attempts, which also waits between attempts)");
        }
        BursarConfig config;
        try {
            config = mapper.treeToValue(substituted, BursarConfig.class);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new ConfigException(source + ": unknown key '" + path(e) + "'"
                    + (known.isEmpty() ? "" : " (known keys here: " + known + ")"), e);
        } catch (JsonMappingException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String why = root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage();
            throw new ConfigException(source + ": bad value at '" + path(e) + "': " + why, e);
        } catch (IOException e) {
            throw new ConfigException(source + ": " + e.getMessage(), e);
        }
        config = UnsetProviderKeys.leaveOut(config, skipped, source, warn);
        validate(config, source);
        return config;
    }

    /**
     * Binds one JSON/YAML node (an admin API body, say) to a config record with the same strict rules as the file;
     * {@code snake_case} keys are accepted as their dashed form.
     */
    public static <T> T bind(JsonNode node, Class<T> type, String where) {
        try {
            return mapper().treeToValue(dashed(node), type);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(where + ": unknown key '" + path(e) + "'");
        } catch (JsonMappingException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String why = root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage();
            throw new ConfigException(where + ": bad value" + (path(e).isEmpty() ? "" : " at '" + path(e) + "'") + ": " + why, e);
        } catch (IOException e) {
            throw new ConfigException(where + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode dashed(JsonNode node) {
        if (!node.isObject()) {
            return node;
        }
        ObjectNode copy = ((ObjectNode) node).objectNode();
        node.fields().forEachRemaining(e -> copy.set(e.getKey().replace('_', '-'), dashed(e.getValue())));
        return copy;
    }

    static ObjectMapper mapper() {
        SimpleModule durations = new SimpleModule()
                .addDeserializer(Duration.class, new DurationDeserializer())
                .addDeserializer(RedisConfig.class, new RedisConfigDeserializer());
        return new ObjectMapper(new YAMLFactory())
                .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // Money in the config (limit-usd: 100.5) must never pass through a double.
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .registerModule(durations);
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** A bare {@code ${VAR}} right after {@code :}, {@code [} or {@code ,} of a flow mapping or list. */
    private static final java.util.regex.Pattern BARE_REFERENCE = java.util.regex.Pattern.compile(
            "(?<=[{\\[,:][ \\t]{0,40})\\$\\{([A-Za-z_][A-Za-z0-9_]*)}(?=[ \\t]*(?:[,}\\]#\\r\\n]|$))");

    /**
     * {@code { admin-key: ${OPENAI_ADMIN_KEY} }}, as the docs write it, is not YAML: a plain scalar in a flow mapping
     * may not hold braces. Only when the file does not parse as written, each bare reference is quoted and the file
     * read again, so a file that is valid YAML is never rewritten.
     */
    private static java.util.Optional<JsonNode> withQuotedReferences(ObjectMapper mapper, String yaml) {
        String quoted = BARE_REFERENCE.matcher(yaml).replaceAll("\"\\${$1}\"");
        if (quoted.equals(yaml)) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.ofNullable(mapper.readTree(quoted));
        } catch (IOException stillBad) {
            return java.util.Optional.empty();
        }
    }

    private static JsonNode substitute(JsonNode node, Map<String, String> env, String source, String path) {
        if (node.isTextual()) {
            return TextNode.valueOf(expand(node.asText(), env, source, path));
        }
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                var e = it.next();
                copy.set(e.getKey(), substitute(e.getValue(), env, source, path.isEmpty() ? e.getKey() : path + "." + e.getKey()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).arrayNode();
            for (int i = 0; i < node.size(); i++) {
                copy.add(substitute(node.get(i), env, source, path + "[" + i + "]"));
            }
            return copy;
        }
        return node;
    }

    private static String expand(String text, Map<String, String> env, String source, String path) {
        Matcher m = ENV_REF.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = env.get(m.group(1));
            if (value == null) {
                value = m.group(2);
            }
            if (value == null) {
                throw new ConfigException(source + ": '" + path + "' refers to environment variable " + m.group(1)
                        + ", which is not set (write ${" + m.group(1) + ":-default} to allow a default)");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static void validate(BursarConfig c, String source) {
        if (c.storage().sqlite() != null && c.storage().postgres() != null) {
            throw new ConfigException(source + ": 'storage' takes either sqlite or postgres, not both");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < c.providers().size(); i++) {
            ProviderConfig p = c.providers().get(i);
            String at = "providers[" + i + "]";
            if (p.name() == null || p.name().isBlank()) {
                throw new ConfigException(source + ": '" + at + ".name' is required");
            }
            if (p.type() == null) {
                throw new ConfigException(source + ": '" + at + ".type' must be one of " + ProviderType.labels() + ", got nothing");
            }
            if (p.timeout() != null && p.timeouts().total() != null) {
                throw new ConfigException(source + ": '" + at + "' sets both 'timeout' and 'timeouts.total'; keep one"
                        + " (timeouts: { first-token, between-events, total } says which phase each bounds)");
            }
            if (!names.add(p.name())) {
                throw new ConfigException(source + ": provider name '" + p.name() + "' is used twice");
            }
        }
        Set<String> modelNames = new HashSet<>();
        for (int i = 0; i < c.models().size(); i++) {
            ModelConfig m = c.models().get(i);
            if (!m.virtual() && !names.contains(m.provider())) {
                throw new ConfigException(source + ": 'models[" + i + "].provider' is '" + m.provider()
                        + "', but no provider has that name (providers: " + names.stream().sorted().toList() + ")");
            }
            if (!modelNames.add(m.name())) {
                throw new ConfigException(source + ": model name '" + m.name() + "' is used twice");
            }
            for (int f = 0; f < m.fallbacks().size(); f++) {
                String via = m.fallbacks().get(f).provider();
                if (via != null && !names.contains(via)) {
                    throw new ConfigException(source + ": 'models[" + i + "].fallbacks[" + f + "].provider' is '" + via
                            + "', but no provider has that name (providers: " + names.stream().sorted().toList() + ")");
                }
            }
        }
        virtualTargets(c, source);
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < c.keys().size(); i++) {
            if (!keys.add(c.keys().get(i).key())) {
                throw new ConfigException(source + ": 'keys[" + i + "].key' repeats an earlier key");
            }
        }
    }

    /**
     * A rule may not send requests to another virtual model: routes would chain (and could loop), and a row's
     * served model must be a model some provider serves. Whether each target is served at all is checked at start,
     * against the routing table (which knows the catalog models too).
     */
    private static void virtualTargets(BursarConfig c, String source) {
        Set<String> virtual = new HashSet<>();
        c.models().stream().filter(ModelConfig::virtual).forEach(m -> virtual.add(m.name().toLowerCase(java.util.Locale.ROOT)));
        for (int i = 0; i < c.models().size(); i++) {
            ModelConfig m = c.models().get(i);
            for (int f = 0; f < m.fallbacks().size(); f++) {
                String target = m.fallbacks().get(f).model();
                if (virtual.contains(target.toLowerCase(java.util.Locale.ROOT))) {
                    throw new ConfigException(source + ": 'models[" + i + "].fallbacks[" + f + "].model' is '" + target
                            + "', a virtual model (it has a route); a fallback must name a model a provider serves");
                }
            }
            RouteConfig route = m.route();
            if (route == null) {
                continue;
            }
            String at = "models[" + i + "].route";
            if (route.learned()) {
                refuseVirtual(virtual, route.strong(), source, at + ".strong");
                refuseVirtual(virtual, route.weak(), source, at + ".weak");
                continue;
            }
            for (int r = 0; r < route.rules().size(); r++) {
                refuseVirtual(virtual, route.rules().get(r).model(), source, at + ".rules[" + r + "].model");
            }
            refuseVirtual(virtual, route.defaultModel(), source, at + ".default");
        }
    }

    private static void refuseVirtual(Set<String> virtual, String target, String source, String at) {
        if (virtual.contains(target.toLowerCase(java.util.Locale.ROOT))) {
            throw new ConfigException(source + ": '" + at + "' is '" + target + "', a virtual model (it has a route);"
                    + " a rule must name a model a provider serves");
        }
    }

    /** {@code redis: "redis://…"} or {@code redis: {url: …, key-prefix: …}}. */
    static final class RedisConfigDeserializer extends JsonDeserializer<RedisConfig> {
        @Override
        public RedisConfig deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            JsonNode n = ctx.readTree(p);
            if (n.isTextual()) {
                return new RedisConfig(n.asText(), null);
            }
            if (n.isObject()) {
                for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                    String f = it.next();
                    if (!f.equals("url") && !f.equals("key-prefix")) {
                        throw new IllegalArgumentException("unknown key '" + f + "' under redis (known: url, key-prefix)");
                    }
                }
                return new RedisConfig(n.path("url").asText(null), n.path("key-prefix").asText(null));
            }
            throw new IllegalArgumentException("redis takes a URL string or {url, key-prefix}");
        }
    }

    /** "30s", "250ms", "2m", "1h", "30d" or a bare number of seconds. */
    static final class DurationDeserializer extends JsonDeserializer<Duration> {
        private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            String text = p.getValueAsString();
            Matcher m = FORM.matcher(text == null ? "" : text.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + text + "' is not a duration (write e.g. 30s, 250ms, 2m)");
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofSeconds(n);
            };
        }
    }
}
