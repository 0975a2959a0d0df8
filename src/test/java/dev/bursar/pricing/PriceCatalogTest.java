package dev.bursar.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PriceCatalogTest {

    private final PriceCatalog bundled = PriceCatalog.bundled();

    @Test
    void bundledCatalogCoversAtLeastFortyModelsOfAllFiveProviders() {
        assertThat(bundled.models()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(bundled.models()).extracting(ModelInfo::provider).containsOnly("openai", "anthropic", "google", "deepseek", "mistral")
                .contains("openai", "anthropic", "google", "deepseek", "mistral");
        assertThat(bundled.models()).extracting(ModelInfo::mode).contains("chat", "embedding");
        assertThat(bundled.models()).extracting(ModelInfo::id).isSorted();
    }

    /** Every model the seed articles price or name. */
    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o", "gpt-4o-mini", "claude-3-5-sonnet", "claude-3-haiku", "gemini-2.5-pro",
            "deepseek-chat", "gemini-2.5-flash", "gemini-2.0-flash", "gemini-1.5-flash", "gemini-1.5-pro",
            "claude-3-opus", "claude-3-7-sonnet", "claude-3-5-haiku", "gpt-3.5-turbo", "text-embedding-3-small"})
    void everySeedModelIsPricedNow(String name) {
        assertThat(bundled.model(name)).isPresent();
        assertThat(bundled.versionAt(name, Instant.parse("2026-11-01T00:00:00Z"))).isPresent();
    }

    @Test
    void everyModelHasAHistoryInDateOrderWithLabelsNamingTheModel() {
        for (ModelInfo model : bundled.models()) {
            List<PriceVersion> history = bundled.history(model.id()).orElseThrow();
            assertThat(history).isNotEmpty();
            assertThat(history).extracting(PriceVersion::effectiveFrom).isSorted();
            history.forEach(v -> assertThat(v.label()).isEqualTo(model.id() + "@" + v.effectiveFrom()));
            assertThat(model.contextWindow()).isPositive();
        }
    }

    @Test
    void noNameResolvesToTwoModels() {
        Set<String> names = new HashSet<>();
        for (ModelInfo model : bundled.models()) {
            assertThat(names.add(model.id().toLowerCase())).as(model.id()).isTrue();
            model.aliases().forEach(a -> assertThat(names.add(a.toLowerCase())).as(a).isTrue());
        }
    }

    @Test
    void suggestionsOfferCloseNamesForATypo() {
        assertThat(bundled.suggestions("gpt4o", 3)).contains("gpt-4o");
        assertThat(bundled.suggestions("claude-3-5-sonet", 3)).contains("claude-3-5-sonnet");
    }

    @Test
    void anOverrideMergesIntoTheBundledHistoryAndAddsNewModels(@TempDir Path dir) throws IOException {
        // given a contract price for gpt-4o from 2026-01-01 (via an alias) and a private model
        Path file = dir.resolve("prices.yaml");
        Files.writeString(file, """
                models:
                  - id: GPT-4o-2024-08-06
                    aliases: [our-gpt]
                    prices:
                      - {effective_from: 2026-01-01, input: "2", output: "8"}
                      - {effective_from: 2024-10-01, input: "2.4", output: "9.6"}
                  - id: in-house
                    provider: openai
                    mode: chat
                    context_window: 8000
                    max_output_tokens: 1000
                    prices:
                      - {effective_from: 2025-01-01, input: 0.1, output: 0.3}
                """);

        // when
        PriceCatalog catalog = PriceCatalog.load(List.of(file));

        // then the history gained a version, a same-day version replaced the bundled one, the old one survived
        assertThat(catalog.history("gpt-4o").orElseThrow()).extracting(PriceVersion::label)
                .containsExactly("gpt-4o@2024-05-13", "gpt-4o@2024-10-01", "gpt-4o@2026-01-01");
        assertThat(catalog.versionAt("our-gpt", Instant.parse("2025-01-01T00:00:00Z")).orElseThrow().base()
                .declared(PriceClass.INPUT)).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("2.4"));
        assertThat(new CostCalculator(catalog).cost("in-house", Usage.of(1_000_000, 1_000_000),
                Instant.parse("2025-06-01T00:00:00Z"), false).totalUsd()).isEqualByComparingTo("0.4");
        assertThat(catalog.models()).hasSize(bundled.models().size() + 1);
    }

    @Test
    void unknownKeysAreRejectedWithTheirPath(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                models:
                  - id: gpt-4o
                    prices:
                      - {effective_from: 2026-01-01, input: "2", outptu: "8"}
                """);

        assertThatThrownBy(() -> PriceCatalog.load(List.of(file)))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("bad.yaml").hasMessageContaining("outptu");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{effective_from: 2026-01-01, input: \"2\"}|'output' price is missing",
            "{effective_from: 2026-13-01, input: \"2\", output: \"1\"}|is not a date",
            "{effective_from: 2026-01-01, input: \"two\", output: \"1\"}|is not a decimal number",
            "{effective_from: 2026-01-01, input: \"-1\", output: \"1\"}|is negative",
    })
    void invalidPriceVersionsAreRejectedWithWhatToFix(String caseText) {
        String[] parts = caseText.split("\\|");
        String yaml = """
                models:
                  - id: m
                    provider: openai
                    mode: chat
                    context_window: 1
                    max_output_tokens: 1
                    prices:
                      - %s
                """.formatted(parts[0]);

        assertThatThrownBy(() -> PriceCatalog.ofYaml(List.of(yaml)))
                .isInstanceOf(CatalogException.class).hasMessageContaining("model 'm'").hasMessageContaining(parts[1]);
    }

    @Test
    void aNewModelWithoutProviderIsRejected() {
        String yaml = """
                models:
                  - id: m
                    mode: chat
                    context_window: 1
                    max_output_tokens: 1
                    prices: [{effective_from: 2026-01-01, input: "1", output: "1"}]
                """;

        assertThatThrownBy(() -> PriceCatalog.ofYaml(List.of(yaml))).hasMessageContaining("'provider' is missing");
    }
}
