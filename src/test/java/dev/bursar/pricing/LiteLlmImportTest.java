package dev.bursar.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.bursar.testing.SharedData;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LiteLlmImportTest {

    static Path LITELLM;

    static LiteLlmImport.Result result;
    static PriceCatalog imported;

    @BeforeAll
    static void importTheRealFile(@TempDir Path dir) {
        LITELLM = SharedData.liteLlmPrices();
        result = LiteLlmImport.read(LITELLM, Optional.empty());
        Path out = dir.resolve("prices.yaml");
        result.writeTo(out);
        imported = PriceCatalog.ofYaml(List.of(result.yaml()));
        PriceCatalog.load(List.of(out));
    }

    @Test
    void countsImportedSkippedAndIgnoredEntries() {
        // 2,985 top-level keys: 2 non-model entries and 2,983 model entries, each either imported or skipped
        assertThat(result.ignored()).containsExactly("sample_spec", "last_updated");
        assertThat(result.entries() + result.skippedCount()).isEqualTo(2983);
        assertThat(result.entries()).isEqualTo(233);
        assertThat(result.models()).isEqualTo(221);
        assertThat(result.skipped()).containsEntry("mode is not chat or embedding", 152)
                .containsEntry("provider not priced by Bursar", 2597);
    }

    @Test
    void versionsAreDatedByTheFilesLastUpdatedDayUnlessToldOtherwise() {
        assertThat(imported.priceVersionAt("gpt-4o", Instant.parse("2026-07-24T00:00:00Z"))).contains("gpt-4o@2026-07-24");
        LiteLlmImport.Result dated = LiteLlmImport.read(LITELLM, Optional.of(LocalDate.parse("2026-08-01")));
        assertThat(PriceCatalog.ofYaml(List.of(dated.yaml())).priceVersionAt("gpt-4o", Instant.parse("2026-08-01T00:00:00Z")))
                .contains("gpt-4o@2026-08-01");
    }

    @ParameterizedTest(name = "{0}.{1} -> {2}")
    @CsvSource({
            "gpt-4o,                    input_cost_per_token,            gpt-4o,                    INPUT",
            "gpt-4o,                    output_cost_per_token,           gpt-4o,                    OUTPUT",
            "gpt-4o,                    cache_read_input_token_cost,     gpt-4o,                    CACHED_INPUT",
            "gpt-4o,                    input_cost_per_token_batches,    gpt-4o,                    BATCH_INPUT",
            "claude-sonnet-4-5,         cache_creation_input_token_cost, claude-sonnet-4-5,         CACHE_WRITE_5M",
            "claude-sonnet-4-5,         cache_creation_input_token_cost_above_1hr, claude-sonnet-4-5, CACHE_WRITE_1H",
            "deepseek/deepseek-chat,    cache_read_input_token_cost,     deepseek-chat,             CACHED_INPUT",
            "gemini/gemini-2.5-pro,     input_cost_per_token,            gemini-2.5-pro,            INPUT",
            "mistral/mistral-large-latest, output_cost_per_token,        mistral-large-latest,      OUTPUT",
            "deepseek-v4-pro,           cache_read_input_token_cost,     deepseek-v4-pro,           CACHED_INPUT",
            "text-embedding-3-small,    input_cost_per_token,            text-embedding-3-small,    INPUT",
    })
    void importedPricesAreTheJsonPerTokenNumbersTimesAMillionExactly(String key, String field, String model, PriceClass cls)
            throws IOException {
        BigDecimal perToken = rawNumber(key, field);

        BigDecimal perMillion = imported.versionAt(model, Instant.parse("2026-08-01T00:00:00Z")).orElseThrow()
                .base().declared(cls).orElseThrow();

        assertThat(perMillion).isEqualByComparingTo(perToken.movePointRight(6));
    }

    @Test
    void longContextFieldsBecomeATierAboveTheirThreshold() throws IOException {
        PriceVersion version = imported.versionAt("gemini-2.5-pro", Instant.parse("2026-08-01T00:00:00Z")).orElseThrow();

        assertThat(version.tiers()).hasSize(1);
        PriceTier tier = version.tiers().getFirst();
        assertThat(tier.aboveInputTokens()).isEqualTo(200_000);
        assertThat(tier.prices().declared(PriceClass.INPUT)).hasValueSatisfying(p -> assertThat(p)
                .isEqualByComparingTo(rawNumberUnchecked("gemini/gemini-2.5-pro", "input_cost_per_token_above_200k_tokens")));
        assertThat(imported.versionAt("gpt-5.4", Instant.parse("2026-08-01T00:00:00Z")).orElseThrow()
                .tiers().getFirst().aboveInputTokens()).isEqualTo(272_000);
    }

    @Test
    void aZeroCacheWriteCostIsDroppedSoWritesBillAtTheInputPrice() {
        // deepseek/deepseek-chat lists cache_creation_input_token_cost: 0.0
        PriceVersion version = imported.versionAt("deepseek-chat", Instant.parse("2026-08-01T00:00:00Z")).orElseThrow();

        assertThat(version.base().declared(PriceClass.CACHE_WRITE_5M)).isEmpty();
        assertThat(imported.model("deepseek/deepseek-chat")).map(ModelInfo::id).contains("deepseek-chat");
    }

    @Test
    void mergingTheImportIntoTheBundledCatalogExtendsHistoriesWithoutLosingOldPrices() {
        PriceCatalog merged = PriceCatalog.ofYaml(List.of(CatalogReader.write(PriceCatalog.bundledDoc()), result.yaml()));

        assertThat(merged.history("gpt-4o").orElseThrow()).extracting(PriceVersion::label)
                .containsExactly("gpt-4o@2024-05-13", "gpt-4o@2024-10-01", "gpt-4o@2026-07-24");
        assertThat(merged.priceVersionAt("gpt-4o", Instant.parse("2024-09-01T00:00:00Z"))).contains("gpt-4o@2024-05-13");
    }

    /** The number exactly as spelled in the JSON text, read without going through a binary floating-point value. */
    static BigDecimal rawNumber(String key, String field) throws IOException {
        try (JsonParser parser = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build()
                .createParser(LITELLM.toFile())) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (!name.equals(key)) {
                    parser.skipChildren();
                    continue;
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String f = parser.currentName();
                    parser.nextToken();
                    if (f.equals(field)) {
                        return new BigDecimal(parser.getText());
                    }
                    parser.skipChildren();
                }
            }
        }
        throw new AssertionError(key + "." + field + " not in the LiteLLM file");
    }

    static BigDecimal rawNumberUnchecked(String key, String field) {
        try {
            return rawNumber(key, field).movePointRight(6);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
