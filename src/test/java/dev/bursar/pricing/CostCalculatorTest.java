package dev.bursar.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CostCalculatorTest {

    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    private final CostCalculator calculator = new CostCalculator(PriceCatalog.bundled());

    @ParameterizedTest(name = "{0}: {1} in + {2} cached + {3} write5m + {4} out at {5} = ${6}")
    @CsvSource({
            // seed 000: 500,000 conversations x (2,000 in + 500 out) on GPT-4o at $2.50/$10 = $5,000
            "gpt-4o,            1000000000, 0, 0, 250000000, 2026-11-01, 5000",
            // seed 002: RAG query 8,100 in + 400 out on GPT-4o at the old $5/$15 = $0.0465
            "gpt-4o,            8100,       0, 0, 400,       2024-09-01, 0.0465",
            // seed 002: the same query at 2,000 queries/day for 30 days
            "gpt-4o,            486000000,  0, 0, 24000000,  2024-09-01, 2790",
            // seed 000: Claude 3.5 Sonnet, write 1M tokens to the 5-minute cache = $3.75
            "claude-3-5-sonnet, 1000000,    0, 1000000, 0,   2024-11-01, 3.75",
            // seed 000: one read of 1M cached tokens = $0.30
            "claude-3-5-sonnet, 1000000,    1000000, 0, 0,   2024-11-01, 0.30",
            // seed 000: 8 reads of 1M cached tokens = $2.40 (8 x $0.30)
            "claude-3-5-sonnet, 8000000,    8000000, 0, 0,   2024-11-01, 2.40",
            // seed 000: without caching, 8 x 1M at $3 = $24
            "claude-3-5-sonnet, 8000000,    0, 0, 0,         2024-11-01, 24",
            // seed 000: only 2 hits: $3.75 + 2 x $0.30 = $4.35
            "claude-3-5-sonnet, 3000000,    2000000, 1000000, 0, 2024-11-01, 4.35",
            // seed 001: DeepSeek V3 at $0.27/$1.10, 1M in + 1M out
            "deepseek-chat,     1000000,    0, 0, 1000000,   2025-03-01, 1.37",
            // seed 001: GPT-4o mini at $0.15/$0.60, 1M in + 1M out
            "gpt-4o-mini,       1000000,    0, 0, 1000000,   2025-03-01, 0.75",
            // seed 000: Gemini 2.5 Pro at $1.25/$10, 1M in (as 5 calls of 200k) + 1M out
            "gemini-2.5-pro,    200000,     0, 0, 1000000,   2025-07-01, 10.25",
            // seed 001: Claude 3.5 Sonnet at $3/$15
            "claude-3-5-sonnet, 1000000,    0, 0, 1000000,   2024-11-01, 18",
    })
    void articleExamplesPriceExactly(String model, long in, long cached, long write5m, long out, String day, String usd) {
        Usage usage = new Usage(in, cached, write5m, 0, out, 0);

        Cost cost = calculator.cost(model, usage, Instant.parse(day + "T12:00:00Z"), false);

        assertThat(cost.priced()).isTrue();
        assertThat(cost.totalUsd()).isEqualByComparingTo(usd);
    }

    @Test
    void claudeCacheArithmeticOfTheArticleAddsUpToSixFifteen() {
        // given one write of 1M tokens and eight reads of the same 1M tokens
        Instant at = Instant.parse("2024-11-01T00:00:00Z");
        Cost write = calculator.cost("claude-3-5-sonnet", new Usage(1_000_000, 0, 1_000_000, 0, 0, 0), at, false);
        Cost read = calculator.cost("claude-3-5-sonnet", new Usage(1_000_000, 1_000_000, 0, 0, 0, 0), at, false);

        // when the nine calls are summed
        BigDecimal total = write.totalUsd().add(read.totalUsd().multiply(BigDecimal.valueOf(8)));

        // then
        assertThat(write.lines()).extracting(CostLine::tokenClass).containsExactly("cache_write_5m");
        assertThat(read.lines().getFirst().usd()).isEqualByComparingTo("0.30");
        assertThat(total).isEqualByComparingTo("6.15");
    }

    @ParameterizedTest(name = "at {0} gpt-4o is {1} per 1M in / {2} out")
    @CsvSource({
            "2024-09-30T23:59:59Z, 5,   15, gpt-4o@2024-05-13",
            "2024-10-01T00:00:00Z, 2.5, 10, gpt-4o@2024-10-01",
            "2025-06-01T00:00:00Z, 2.5, 10, gpt-4o@2024-10-01",
    })
    void historyPricesACallByTheVersionInForceAtItsTime(String at, String in, String out, String version) {
        Cost cost = calculator.cost("gpt-4o", Usage.of(1_000_000, 1_000_000), Instant.parse(at), false);

        assertThat(cost.priceVersion()).isEqualTo(version);
        assertThat(cost.lines()).extracting(CostLine::usdPerMillion)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal(in), new BigDecimal(out));
    }

    @Test
    void aCallBeforeTheFirstPriceVersionIsUnpriced() {
        Cost cost = calculator.cost("gpt-4o", Usage.of(100, 100), Instant.parse("2024-05-12T23:59:59Z"), false);

        assertThat(cost).isEqualTo(Cost.unpriced("gpt-4o"));
    }

    @Test
    void anUnknownModelIsUnpriced() {
        Cost cost = calculator.cost("no-such-model", Usage.of(100, 100), NOW, false);

        assertThat(cost.priced()).isFalse();
        assertThat(cost.totalUsd()).isZero();
        assertThat(cost.model()).isEqualTo("no-such-model");
    }

    @ParameterizedTest(name = "{0} resolves to {1}")
    @CsvSource({
            "gpt-4o-2024-08-06,         gpt-4o",
            "OpenAI/GPT-4o,             gpt-4o",
            "claude-3-5-sonnet-latest,  claude-3-5-sonnet-20241022",
            "Claude-3-5-Sonnet-20240620, claude-3-5-sonnet-20241022",
            "gemini/gemini-2.5-pro,     gemini-2.5-pro",
            "deepseek/deepseek-chat,    deepseek-chat",
            "mistral-large-latest,      mistral-large-2512",
    })
    void aliasesAndCaseResolveToTheCanonicalModel(String name, String id) {
        assertThat(PriceCatalog.bundled().model(name)).map(ModelInfo::id).contains(id);
        assertThat(calculator.cost(name, Usage.of(10, 10), NOW, false).model()).isEqualTo(id);
    }

    @ParameterizedTest(name = "{0} with a {1}-token prompt is priced at {2} in / {3} out")
    @CsvSource({
            "gemini-2.5-pro,             200000, 1.25, 10",
            "gemini-2.5-pro,             200001, 2.5,  15",
            "claude-sonnet-4-5-20250929, 200000, 3,    15",
            "claude-sonnet-4-5-20250929, 200001, 6,    22.5",
    })
    void longContextTierAppliesToTheWholeCallOnlyAboveTheThreshold(String model, long in, String inPrice, String outPrice) {
        Cost cost = calculator.cost(model, Usage.of(in, 1000), NOW, false);

        assertThat(cost.lines().get(0).usdPerMillion()).isEqualByComparingTo(inPrice);
        assertThat(cost.lines().get(1).usdPerMillion()).isEqualByComparingTo(outPrice);
        BigDecimal expected = new BigDecimal(inPrice).multiply(BigDecimal.valueOf(in))
                .add(new BigDecimal(outPrice).multiply(BigDecimal.valueOf(1000))).movePointLeft(6);
        assertThat(cost.totalUsd()).isEqualByComparingTo(expected);
    }

    @Test
    void longContextTierAlsoRepricesCachedTokens() {
        // given a 300k prompt of which 100k are cache reads
        Cost cost = calculator.cost("gemini-2.5-pro", new Usage(300_000, 100_000, 0, 0, 0, 0), NOW, false);

        assertThat(cost.lines()).extracting(CostLine::tokenClass, CostLine::tokens)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("input", 200_000L),
                        org.assertj.core.groups.Tuple.tuple("cached_input", 100_000L));
        assertThat(cost.lines().get(1).usdPerMillion()).isEqualByComparingTo("0.25");
        assertThat(cost.totalUsd()).isEqualByComparingTo("0.525");
    }

    @Test
    void batchUsesBatchPricesAndPrefixesEveryLine() {
        Cost cost = calculator.cost("gpt-4o", new Usage(2_000_000, 1_000_000, 0, 0, 1_000_000, 0), NOW, true);

        assertThat(cost.lines()).extracting(CostLine::tokenClass).containsExactly("batch_input", "batch_cached_input", "batch_output");
        assertThat(cost.lines()).extracting(CostLine::usdPerMillion).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("1.25"), new BigDecimal("1.25"), new BigDecimal("5"));
        assertThat(cost.totalUsd()).isEqualByComparingTo("7.5");
    }

    @Test
    void usdIsExactWithNoRounding() {
        Cost cost = calculator.cost("gpt-5-nano", new Usage(7, 3, 0, 0, 1, 0), NOW, false);

        // 4 x 0.05 + 3 x 0.005 + 1 x 0.4 = 0.615 per million -> 0.000000615
        assertThat(cost.totalUsd()).isEqualByComparingTo("0.000000615");
        assertThat(cost.lines().get(1).usd()).isEqualByComparingTo("0.000000015");
    }

    @Test
    void onlyClassesWithTokensGetALine() {
        Cost cost = calculator.cost("gpt-4o", Usage.of(0, 10), NOW, false);

        assertThat(cost.lines()).extracting(CostLine::tokenClass).containsExactly("output");
        assertThat(calculator.cost("gpt-4o", Usage.ZERO, NOW, false).lines()).isEmpty();
    }

    @Test
    void priceVersionAtMatchesTheVersionACostRecords() {
        Instant at = Instant.parse("2024-09-01T00:00:00Z");

        assertThat(PriceCatalog.bundled().priceVersionAt("gpt-4o", at)).contains("gpt-4o@2024-05-13");
        assertThat(PriceCatalog.bundled().priceVersionAt("gpt-4o", Instant.parse("2020-01-01T00:00:00Z"))).isEmpty();
        assertThat(PriceCatalog.bundled().priceVersionAt("nope", at)).isEmpty();
    }

    @Test
    void deepSeekHistoryHasTheArticlePriceBeforeItsLaterCuts() {
        List<PriceVersion> history = PriceCatalog.bundled().history("deepseek-chat").orElseThrow();

        PriceVersion v3 = PriceCatalog.bundled().versionAt("deepseek-chat", Instant.parse("2025-03-01T00:00:00Z")).orElseThrow();
        assertThat(v3.base().declared(PriceClass.INPUT)).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("0.27"));
        assertThat(v3.base().declared(PriceClass.OUTPUT)).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("1.10"));
        assertThat(v3.base().declared(PriceClass.CACHED_INPUT)).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("0.07"));
        assertThat(history.indexOf(v3)).isLessThan(history.size() - 1);
    }
}
