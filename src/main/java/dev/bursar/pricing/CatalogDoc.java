package dev.bursar.pricing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The catalog file format, as written on disk (bundled catalog, override files, LiteLLM imports). Prices stay
 * strings here; {@link CatalogReader} turns them into exact decimals and validates everything.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"snapshot", "source", "models"})
record CatalogDoc(String snapshot, String source, List<ModelDoc> models) {

    /** One model. In an override file every field but {@code id} may be left out when the model already exists. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"id", "provider", "mode", "context_window", "max_output_tokens", "aliases", "prices"})
    record ModelDoc(
            String id,
            String provider,
            String mode,
            @JsonProperty("context_window") Long contextWindow,
            @JsonProperty("max_output_tokens") Long maxOutputTokens,
            List<String> aliases,
            List<VersionDoc> prices) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"effective_from", "input", "cached_input", "cache_write_5m", "cache_write_1h", "output",
            "batch_input", "batch_output", "source", "tiers"})
    record VersionDoc(
            @JsonProperty("effective_from") String effectiveFrom,
            String input,
            @JsonProperty("cached_input") String cachedInput,
            @JsonProperty("cache_write_5m") String cacheWrite5m,
            @JsonProperty("cache_write_1h") String cacheWrite1h,
            String output,
            @JsonProperty("batch_input") String batchInput,
            @JsonProperty("batch_output") String batchOutput,
            String source,
            List<TierDoc> tiers) {

        PricesDoc prices() {
            return new PricesDoc(input, cachedInput, cacheWrite5m, cacheWrite1h, output, batchInput, batchOutput);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"above_input_tokens", "input", "cached_input", "cache_write_5m", "cache_write_1h", "output",
            "batch_input", "batch_output"})
    record TierDoc(
            @JsonProperty("above_input_tokens") Long aboveInputTokens,
            String input,
            @JsonProperty("cached_input") String cachedInput,
            @JsonProperty("cache_write_5m") String cacheWrite5m,
            @JsonProperty("cache_write_1h") String cacheWrite1h,
            String output,
            @JsonProperty("batch_input") String batchInput,
            @JsonProperty("batch_output") String batchOutput) {

        PricesDoc prices() {
            return new PricesDoc(input, cachedInput, cacheWrite5m, cacheWrite1h, output, batchInput, batchOutput);
        }
    }

    /** The seven price fields shared by versions and tiers, in {@link PriceClass} order. */
    record PricesDoc(String input, String cachedInput, String cacheWrite5m, String cacheWrite1h, String output,
                     String batchInput, String batchOutput) {

        String get(PriceClass cls) {
            return switch (cls) {
                case INPUT -> input;
                case CACHED_INPUT -> cachedInput;
                case CACHE_WRITE_5M -> cacheWrite5m;
                case CACHE_WRITE_1H -> cacheWrite1h;
                case OUTPUT -> output;
                case BATCH_INPUT -> batchInput;
                case BATCH_OUTPUT -> batchOutput;
            };
        }
    }
}
