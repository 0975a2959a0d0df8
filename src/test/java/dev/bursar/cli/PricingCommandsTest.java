package dev.bursar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bursar.testing.SharedData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class PricingCommandsTest {

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void costPrintsTheBreakdownAndTotalAsText() {
        Run run = run("cost", "--model", "gpt-4o", "--input-tokens", "1000000000", "--output-tokens", "250000000",
                "--at", "2026-11-01", "--prices", emptyOverride());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("price version: gpt-4o@2024-10-01")
                .containsPattern("input\\s+1,000,000,000\\s+2.5\\s+2500\\n")
                .containsPattern("output\\s+250,000,000\\s+10\\s+2500\\n")
                .containsPattern("total\\s+5000\\n");
    }

    @Test
    void costTextShowsEachTokenClassWithPricesAndAmountsLinedUpOnThePoint() {
        Run run = run("cost", "--model", "gpt-4o", "--input-tokens", "2000", "--cached-input-tokens", "1500",
                "--output-tokens", "500", "--at", "2026-11-01", "--prices", emptyOverride());

        assertThat(run.code()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(3)).matches("input\\s+500\\s+2\\.5\\s+0\\.00125");
        assertThat(lines.get(4)).matches("cached_input\\s+1,500\\s+1\\.25\\s+0\\.001875");
        assertThat(lines.get(5)).matches("output\\s+500\\s+10\\s+0\\.005");
        assertThat(lines.get(6)).matches("total\\s+0\\.008125");
        // the points of each money column sit in one place
        assertThat(List.of(lines.get(3).indexOf("2.5") + 1, lines.get(4).indexOf("1.25") + 1)).containsOnly(lines.get(5).indexOf("10") + 2);
        assertThat(List.of(3, 4, 5, 6)).extracting(i -> lines.get(i).lastIndexOf('.')).containsOnly(lines.get(3).lastIndexOf('.'));
        assertThat(run.out()).contains("input: the prompt tokens billed at the full input price").contains("cached_input: cache reads");
    }

    @Test
    void costJsonHasDecimalStringsForTheOldGpt4oPrice() throws Exception {
        Run run = run("cost", "--model", "gpt-4o", "--input-tokens", "8100", "--output-tokens", "400",
                "--at", "2024-09-15", "--json", "--prices", emptyOverride());

        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(run.code()).isZero();
        assertThat(json.get("model").asText()).isEqualTo("gpt-4o");
        assertThat(json.get("price_version").asText()).isEqualTo("gpt-4o@2024-05-13");
        assertThat(json.get("total_usd").isTextual()).isTrue();
        assertThat(json.get("total_usd").asText()).isEqualTo("0.0465");
        assertThat(json.get("lines").get(0).get("class").asText()).isEqualTo("input");
        assertThat(json.get("lines").get(0).get("tokens").asLong()).isEqualTo(8100);
        assertThat(json.get("lines").get(0).get("usd_per_million").asText()).isEqualTo("5");
        assertThat(json.get("lines").get(0).get("usd").asText()).isEqualTo("0.0405");
        assertThat(json.get("lines").get(1).get("usd").asText()).isEqualTo("0.006");
    }

    @Test
    void costWithCacheWritesAndReadsSplitsThePrompt() throws Exception {
        Run run = run("cost", "--model", "claude-3-5-sonnet-latest", "--input-tokens", "3000000",
                "--cached-input-tokens", "2000000", "--cache-write-tokens", "1000000", "--output-tokens", "0",
                "--at", "2024-11-01T10:00:00Z", "--json", "--prices", emptyOverride());

        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("total_usd").asText()).isEqualTo("4.35");
        assertThat(json.get("lines")).extracting(l -> l.get("class").asText()).containsExactly("cached_input", "cache_write_5m");
    }

    @Test
    void batchWithoutBatchPricesSaysItFellBack() {
        Run run = run("cost", "--model", "deepseek-chat", "--input-tokens", "1000000", "--output-tokens", "1000000",
                "--batch", "--prices", emptyOverride());

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("batch_input").contains("no batch_input price: billed at the input price")
                .contains("no batch_output price: billed at the output price");
    }

    @Test
    void unknownModelExitsTwoAndSuggestsCloseNames() {
        Run run = run("cost", "--model", "gpt4o", "--input-tokens", "1", "--output-tokens", "1", "--prices", emptyOverride());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("unknown model 'gpt4o'").contains("Did you mean").contains("gpt-4o");
    }

    @ParameterizedTest
    @CsvSource({
            "--cached-input-tokens, 600, cannot exceed it (500)",
            "--cache-write-1h-tokens, 501, cannot exceed it (500)",
    })
    void cacheTokensBeyondThePromptAreRejected(String option, String tokens, String message) {
        Run run = run("cost", "--model", "gpt-4o", "--input-tokens", "500", option, tokens, "--output-tokens", "1",
                "--prices", emptyOverride());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains(message).contains("--input-tokens is the whole prompt");
    }

    @Test
    void costBeforeTheFirstPriceSaysThereIsNoPrice() {
        Run run = run("cost", "--model", "gpt-4o", "--input-tokens", "1", "--output-tokens", "1", "--at", "2023-01-01",
                "--prices", emptyOverride());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("no price for 'gpt-4o'");
    }

    @Test
    void pricesListFiltersByProvider() {
        Run run = run("prices", "list", "--provider", "deepseek", "--at", "2026-11-01", "--prices", emptyOverride());

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("deepseek-chat").contains("deepseek-chat@2025-09-29").doesNotContain("gpt-4o");
    }

    @Test
    void pricesShowPrintsTheHistoryAndTiers() {
        Run gpt = run("prices", "show", "gpt-4o", "--prices", emptyOverride());
        Run gemini = run("prices", "show", "gemini-2.5-pro", "--prices", emptyOverride());

        assertThat(gpt.out()).contains("gpt-4o@2024-05-13").contains("input 5, output 15")
                .contains("gpt-4o@2024-10-01").contains("input 2.5, cached_input 1.25, output 10");
        assertThat(gemini.out()).contains("prompt above 200,000 tokens: input 2.5, cached_input 0.25, output 15");
    }

    @Test
    void pricesImportWritesAnOverrideThatCostUses(@TempDir Path dir) {
        Path out = dir.resolve("data/prices.yaml");

        Run imported = run("prices", "import", "--litellm", SharedData.liteLlmPrices().toString(),
                "--out", out.toString(), "--effective-from", "2026-08-01");
        Run cost = run("cost", "--model", "gpt-5.6", "--input-tokens", "100000", "--output-tokens", "0",
                "--at", "2026-08-02", "--prices", out.toString());

        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("imported 221 models").contains("skipped 2750 entries")
                .contains("ignored non-model entries: sample_spec, last_updated");
        assertThat(Files.exists(out)).isTrue();
        assertThat(cost.out()).contains("gpt-5.6@2026-08-01").containsPattern("total\\s+0.5\\n");
    }

    /** An empty override file, so the tests never pick up a ./bursar-data/prices.yaml from the working directory. */
    private static String emptyOverride() {
        try {
            Path file = Files.createTempFile("bursar-prices", ".yaml");
            Files.writeString(file, "models: []\n");
            file.toFile().deleteOnExit();
            return file.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
