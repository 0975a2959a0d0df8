package dev.bursar.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bursar.pricing.Money;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A price the ledger could not store a cost of is refused when the catalog loads, never after a paid call. */
class PriceScaleTest {

    private static String catalog(String inputPrice) {
        return """
                models:
                  - id: fine-model
                    provider: openai
                    mode: chat
                    context_window: 1000
                    max_output_tokens: 100
                    prices:
                      - effective_from: 2024-01-01
                        input: "2"
                        output: "8"
                        tiers:
                          - { above_input_tokens: 500, input: "%s", output: "8" }
                """.formatted(inputPrice);
    }

    @Test
    void the_finest_price_makes_one_token_exactly_one_ledger_unit() {
        BigDecimal finest = BigDecimal.ONE.movePointLeft(CatalogReader.FINEST_PRICE_DECIMALS);
        assertThat(finest.movePointLeft(6)).isEqualByComparingTo(BigDecimal.ONE.movePointLeft(Money.SCALE));
    }

    @Test
    void a_price_with_more_than_six_decimals_is_refused_naming_model_class_and_price() {
        assertThatThrownBy(() -> PriceCatalog.ofYaml(List.of(catalog("0.0000001"))))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("model 'fine-model'")
                .hasMessageContaining("tiers[0].input")
                .hasMessageContaining("price 0.0000001 USD per million tokens has more than 6 decimals")
                .hasMessageContaining("one token would cost 0.0000000000001 USD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.000001", "1.250000000", "3E+2", "0.1234560000"})
    void prices_exact_at_the_ledger_scale_load_and_every_token_count_is_storable(String price) {
        PriceCatalog catalog = PriceCatalog.ofYaml(List.of(catalog(price)));
        CostCalculator calculator = new CostCalculator(catalog);

        for (long tokens : new long[] {501, 777, 1_000_001}) {
            Cost cost = calculator.cost("fine-model", Usage.of(tokens, 3), Instant.parse("2025-01-01T00:00:00Z"), false);
            assertThat(Money.exact(cost.totalUsd(), "cost")).isEqualByComparingTo(cost.totalUsd());
        }
    }

    @Test
    void an_override_file_with_a_too_fine_price_stops_loading_with_its_name(@TempDir Path dir) throws IOException {
        Path prices = dir.resolve("prices.yaml");
        Files.writeString(prices, catalog("2.0000005"));

        assertThatThrownBy(() -> PriceCatalog.load(List.of(prices)))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining(prices.toString())
                .hasMessageContaining("price 2.0000005");
    }

    @Test
    void a_litellm_import_leaves_out_and_names_a_model_whose_price_the_ledger_cannot_store(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("litellm.json");
        Files.writeString(json, """
                {"gpt-fine": {"litellm_provider": "openai", "mode": "chat", "max_input_tokens": 1000, "max_output_tokens": 100,
                              "input_cost_per_token": 1.0000001e-07, "output_cost_per_token": 4e-07},
                 "gpt-ok": {"litellm_provider": "openai", "mode": "chat", "max_input_tokens": 1000, "max_output_tokens": 100,
                            "input_cost_per_token": 1e-07, "output_cost_per_token": 4e-07}}""");

        LiteLlmImport.Result result = LiteLlmImport.read(json, Optional.empty());

        assertThat(result.models()).isEqualTo(1);
        assertThat(result.entries()).isEqualTo(1);
        assertThat(result.skipped().keySet()).singleElement().asString()
                .contains("model 'gpt-fine'").contains("price 0.10000001");
        Path out = dir.resolve("prices.yaml");
        result.writeTo(out);
        assertThat(PriceCatalog.load(List.of(out)).model("gpt-ok")).isPresent();
    }
}
