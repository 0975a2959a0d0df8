package dev.bursar.pricing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns LiteLLM's {@code model_prices_and_context_window.json} into a Bursar override catalog.
 *
 * <p>Only chat and embedding entries of the five providers Bursar prices are kept. Costs are per token in the JSON
 * and are read as exact decimals from the JSON text (never through a binary floating-point value), then moved six
 * places to per-million. Field mapping, with the token semantics Bursar uses ({@link Usage}: cache reads and
 * writes are parts of the prompt, whatever the provider reports):
 * <ul>
 *   <li>{@code input_cost_per_token} -> input (the uncached prompt);</li>
 *   <li>{@code cache_read_input_token_cost} (or DeepSeek's {@code input_cost_per_token_cache_hit}) -> cached_input:
 *       OpenAI's cached tokens sit inside prompt_tokens, Anthropic's cache_read_input_tokens beside input_tokens;
 *       the provider adapters fold both into the same convention, so one price class serves both;</li>
 *   <li>{@code cache_creation_input_token_cost} -> cache_write_5m, {@code ..._above_1hr} -> cache_write_1h; a write
 *       cost of 0 is dropped (LiteLLM writes 0 where a provider has no write premium, and the write is then billed
 *       at the input price);</li>
 *   <li>{@code output_cost_per_token} -> output (reasoning tokens included);</li>
 *   <li>{@code *_batches} -> batch_input / batch_output;</li>
 *   <li>{@code <field>_above_<N>k_tokens} -> a long-context tier above N × 1000 prompt tokens; a tier missing input
 *       or output takes the base one. {@code _priority} and {@code _flex} service tiers are ignored.</li>
 * </ul>
 */
public final class LiteLlmImport {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private static final Map<String, String> PROVIDERS = Map.of(
            "openai", "openai", "anthropic", "anthropic", "gemini", "google", "deepseek", "deepseek", "mistral", "mistral");

    private static final Map<String, PriceClass> FIELDS = Map.of(
            "input_cost_per_token", PriceClass.INPUT,
            "cache_read_input_token_cost", PriceClass.CACHED_INPUT,
            "cache_creation_input_token_cost", PriceClass.CACHE_WRITE_5M,
            "cache_creation_input_token_cost_above_1hr", PriceClass.CACHE_WRITE_1H,
            "output_cost_per_token", PriceClass.OUTPUT,
            "input_cost_per_token_batches", PriceClass.BATCH_INPUT,
            "output_cost_per_token_batches", PriceClass.BATCH_OUTPUT);

    private static final java.util.regex.Pattern TIER_FIELD = java.util.regex.Pattern.compile("(.+)_above_(\\d+)k_tokens");

    /**
     * What an import produced.
     *
     * @param entries   model entries imported (several LiteLLM keys can become one model with aliases)
     * @param skipped   model entries left out, by reason
     * @param ignored   top-level entries that are not models ({@code sample_spec}, {@code last_updated})
     */
    public record Result(CatalogDocHandle catalog, int entries, int models, Map<String, Integer> skipped, List<String> ignored) {
        public int skippedCount() {
            return skipped.values().stream().mapToInt(Integer::intValue).sum();
        }

        public String yaml() {
            return CatalogReader.write(catalog.doc());
        }

        public void writeTo(Path out) {
            try {
                if (out.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(out.toAbsolutePath().getParent());
                }
                Files.writeString(out, yaml());
            } catch (IOException e) {
                throw new CatalogException("cannot write " + out + ": " + e.getMessage(), e);
            }
        }
    }

    /** Opaque holder so the file-format records stay package-private. */
    public record CatalogDocHandle(CatalogDoc doc) {
    }

    private LiteLlmImport() {
    }

    /** Reads the LiteLLM JSON; every version is dated {@code effectiveFrom}, or the file's {@code last_updated} day. */
    public static Result read(Path json, Optional<LocalDate> effectiveFrom) {
        JsonNode root;
        try {
            root = JSON.readTree(json.toFile());
        } catch (IOException e) {
            throw new CatalogException("cannot read LiteLLM price file " + json + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new CatalogException(json + " is not LiteLLM's model_prices_and_context_window.json (expected a JSON object)");
        }
        LocalDate from = effectiveFrom.orElseGet(() -> snapshotDate(root));
        return new Converter(from).convert(root, json.getFileName().toString());
    }

    private static LocalDate snapshotDate(JsonNode root) {
        JsonNode updated = root.get("last_updated");
        if (updated != null && updated.isTextual() && updated.asText().length() >= 10) {
            return LocalDate.parse(updated.asText().substring(0, 10));
        }
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** One conversion run; collects counts while it walks the entries. */
    private static final class Converter {
        private final LocalDate from;
        private final Map<String, Integer> skipped = new TreeMap<>();
        private final List<String> ignored = new ArrayList<>();
        private final Map<String, List<Map.Entry<String, JsonNode>>> byId = new LinkedHashMap<>();
        private int entries;

        Converter(LocalDate from) {
            this.from = from;
        }

        Result convert(JsonNode root, String fileName) {
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                classify(entry.getKey(), entry.getValue());
            }
            List<CatalogDoc.ModelDoc> models = new ArrayList<>();
            byId.forEach((id, group) -> {
                CatalogDoc.ModelDoc model = model(id, group);
                try {
                    // Validates every price as loading will, so one unstorable price leaves out its model, named
                    // in the summary, instead of writing a file that `bursar serve` would refuse.
                    new CatalogBuilder().add(new CatalogDoc(null, null, List.of(model)), "LiteLLM");
                    models.add(model);
                } catch (CatalogException e) {
                    skip(e.getMessage());
                    entries -= group.size();
                }
            });
            CatalogDoc doc = new CatalogDoc(from.toString(), "LiteLLM " + fileName + " imported as of " + from, models);
            return new Result(new CatalogDocHandle(doc), entries, models.size(), skipped, ignored);
        }

        private void classify(String key, JsonNode node) {
            if (!node.isObject() || key.equals("sample_spec")) {
                ignored.add(key);
                return;
            }
            String provider = PROVIDERS.get(node.path("litellm_provider").asText(""));
            String mode = node.path("mode").asText("");
            if (provider == null) {
                skip("provider not priced by Bursar");
            } else if (!mode.equals("chat") && !mode.equals("embedding")) {
                skip("mode is not chat or embedding");
            } else if (!node.path("input_cost_per_token").isNumber()
                    || (mode.equals("chat") && !node.path("output_cost_per_token").isNumber())) {
                skip("no per-token prices");
            } else {
                byId.computeIfAbsent(CatalogReader.normalise(unprefixed(key, node)), k -> new ArrayList<>()).add(Map.entry(key, node));
                entries++;
            }
        }

        /** LiteLLM prefixes some keys with its provider name ({@code gemini/gemini-2.5-pro}); the id drops it. */
        private static String unprefixed(String key, JsonNode node) {
            String prefix = node.path("litellm_provider").asText() + "/";
            return key.startsWith(prefix) ? key.substring(prefix.length()) : key;
        }

        private void skip(String reason) {
            skipped.merge(reason, 1, Integer::sum);
        }

        /** The unprefixed key, when present, is the model; the other keys become its aliases. */
        private CatalogDoc.ModelDoc model(String id, List<Map.Entry<String, JsonNode>> group) {
            Map.Entry<String, JsonNode> main = group.stream()
                    .filter(e -> CatalogReader.normalise(e.getKey()).equals(id)).findFirst().orElse(group.get(0));
            String modelId = unprefixed(main.getKey(), main.getValue());
            List<String> aliases = new ArrayList<>();
            group.stream().map(Map.Entry::getKey).filter(k -> !k.equals(modelId)).forEach(aliases::add);
            JsonNode node = main.getValue();
            String provider = PROVIDERS.get(node.path("litellm_provider").asText());
            long context = node.path("max_input_tokens").asLong(node.path("max_tokens").asLong(0));
            long maxOut = node.path("mode").asText().equals("embedding") ? 0
                    : node.path("max_output_tokens").asLong(node.path("max_tokens").asLong(0));
            return new CatalogDoc.ModelDoc(modelId, provider, node.path("mode").asText(), context, maxOut,
                    aliases.isEmpty() ? null : aliases, List.of(version(node)));
        }

        private CatalogDoc.VersionDoc version(JsonNode node) {
            Map<PriceClass, String> base = prices(node, "");
            base.putIfAbsent(PriceClass.OUTPUT, "0");
            if (!base.containsKey(PriceClass.CACHED_INPUT) && node.path("input_cost_per_token_cache_hit").isNumber()) {
                base.put(PriceClass.CACHED_INPUT, perMillion(node.get("input_cost_per_token_cache_hit")));
            }
            List<CatalogDoc.TierDoc> tiers = new ArrayList<>();
            for (long threshold : thresholds(node)) {
                Map<PriceClass, String> tier = prices(node, "_above_" + threshold + "k_tokens");
                tier.putIfAbsent(PriceClass.INPUT, base.get(PriceClass.INPUT));
                tier.putIfAbsent(PriceClass.OUTPUT, base.get(PriceClass.OUTPUT));
                tiers.add(new CatalogDoc.TierDoc(threshold * 1000, tier.get(PriceClass.INPUT), tier.get(PriceClass.CACHED_INPUT),
                        tier.get(PriceClass.CACHE_WRITE_5M), tier.get(PriceClass.CACHE_WRITE_1H), tier.get(PriceClass.OUTPUT),
                        tier.get(PriceClass.BATCH_INPUT), tier.get(PriceClass.BATCH_OUTPUT)));
            }
            return new CatalogDoc.VersionDoc(from.toString(), base.get(PriceClass.INPUT), base.get(PriceClass.CACHED_INPUT),
                    base.get(PriceClass.CACHE_WRITE_5M), base.get(PriceClass.CACHE_WRITE_1H), base.get(PriceClass.OUTPUT),
                    base.get(PriceClass.BATCH_INPUT), base.get(PriceClass.BATCH_OUTPUT), "LiteLLM", tiers.isEmpty() ? null : tiers);
        }

        private static Map<PriceClass, String> prices(JsonNode node, String suffix) {
            Map<PriceClass, String> prices = new java.util.EnumMap<>(PriceClass.class);
            FIELDS.forEach((field, cls) -> {
                JsonNode value = node.get(field + suffix);
                if (value == null || !value.isNumber()) {
                    return;
                }
                boolean freeWrite = (cls == PriceClass.CACHE_WRITE_5M || cls == PriceClass.CACHE_WRITE_1H)
                        && value.decimalValue().signum() == 0;
                if (!freeWrite) {
                    prices.put(cls, perMillion(value));
                }
            });
            return prices;
        }

        private static List<Long> thresholds(JsonNode node) {
            java.util.TreeSet<Long> thresholds = new java.util.TreeSet<>();
            node.fieldNames().forEachRemaining(name -> {
                var m = TIER_FIELD.matcher(name);
                if (m.matches() && FIELDS.containsKey(m.group(1))) {
                    thresholds.add(Long.parseLong(m.group(2)));
                }
            });
            return List.copyOf(thresholds);
        }
    }

    /** Per token -> per million, exactly, from the decimal the JSON text spelled. */
    static String perMillion(JsonNode perToken) {
        BigDecimal value = perToken.decimalValue().movePointRight(6).stripTrailingZeros();
        return value.signum() == 0 ? "0" : value.toPlainString();
    }
}
