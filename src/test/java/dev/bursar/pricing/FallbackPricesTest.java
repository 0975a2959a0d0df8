package dev.bursar.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FallbackPricesTest {

    private static final Instant AT = Instant.parse("2025-01-01T00:00:00Z");

    /** A model that names only input and output, and one that also names a 5-minute cache write. */
    private static final CostCalculator CALCULATOR = new CostCalculator(PriceCatalog.ofYaml(List.of("""
            models:
              - id: bare
                provider: mistral
                mode: chat
                context_window: 1000
                max_output_tokens: 100
                prices:
                  - {effective_from: 2024-01-01, input: "2", output: "8"}
              - id: writes
                provider: anthropic
                mode: chat
                context_window: 1000
                max_output_tokens: 100
                prices:
                  - {effective_from: 2024-01-01, input: "2", cache_write_5m: "2.5", output: "8"}
            """)));

    @ParameterizedTest(name = "{0}: {2} tokens of {1} billed at {3} per 1M")
    @CsvSource({
            "bare,   cached_input,   cached,  2,   no cached_input price: billed at the input price",
            "bare,   cache_write_5m, write5m, 2,   no cache_write_5m price: billed at the input price",
            "bare,   cache_write_1h, write1h, 2,   no cache_write_1h price: billed at the input price",
            "writes, cache_write_1h, write1h, 2.5, no cache_write_1h price: billed at the cache_write_5m price",
            "bare,   batch_input,    batchIn, 2,   no batch_input price: billed at the input price",
            "bare,   batch_output,   batchOut, 8,  no batch_output price: billed at the output price",
    })
    void aClassWithoutItsOwnPriceFallsBackAndSaysSo(String model, String line, String kind, String price, String note) {
        // given a million tokens of just that class
        Usage usage = switch (kind) {
            case "cached" -> new Usage(1_000_000, 1_000_000, 0, 0, 0, 0);
            case "write5m" -> new Usage(1_000_000, 0, 1_000_000, 0, 0, 0);
            case "write1h" -> new Usage(1_000_000, 0, 0, 1_000_000, 0, 0);
            case "batchIn" -> Usage.of(1_000_000, 0);
            default -> Usage.of(0, 1_000_000);
        };
        boolean batch = kind.startsWith("batch");

        // when
        CostCalculator.Breakdown breakdown = CALCULATOR.breakdown(model, usage, AT, batch);

        // then
        CostLine only = breakdown.cost().lines().getFirst();
        assertThat(breakdown.cost().lines()).hasSize(1);
        assertThat(only.tokenClass()).isEqualTo(line);
        assertThat(only.usdPerMillion()).isEqualByComparingTo(price);
        assertThat(only.usd()).isEqualByComparingTo(price);
        assertThat(breakdown.note(only)).contains(note);
    }

    @ParameterizedTest(name = "{0} has its own price and no note")
    @CsvSource({"input", "output"})
    void aClassWithItsOwnPriceHasNoNote(String cls) {
        Usage usage = cls.equals("input") ? Usage.of(5, 0) : Usage.of(0, 5);

        CostCalculator.Breakdown breakdown = CALCULATOR.breakdown("bare", usage, AT, false);

        assertThat(breakdown.notes()).isEmpty();
        assertThat(breakdown.cost()).isEqualTo(CALCULATOR.cost("bare", usage, AT, false));
    }
}
