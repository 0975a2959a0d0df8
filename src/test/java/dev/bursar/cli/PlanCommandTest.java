package dev.bursar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bursar.Stores;
import dev.bursar.attribution.Attribution;
import dev.bursar.config.StorageConfig;
import dev.bursar.ledger.AttemptStatus;
import dev.bursar.ledger.Endpoint;
import dev.bursar.ledger.UsageEvent;
import dev.bursar.pricing.Usage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bursar plan}: every calculator from the command line, in the three formats, and its refusals. */
class PlanCommandTest {

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(Object command, String... args) {
        CommandLine cl = new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private JsonNode json() throws Exception {
        return new ObjectMapper().readTree(out.toString());
    }

    @Test
    void rag_vs_finetune_prints_every_term_as_an_exact_decimal_string_in_json() throws Exception {
        int code = run(new PlanCommand(), "break-even", "--rag-vs-finetune", "--training-cost-usd", "200",
                "--savings-per-query-usd", "0.004", "--retrain-every-months", "1", "--format", "json");

        assertThat(code).as(err.toString()).isZero();
        JsonNode root = json();
        assertThat(root.get("calculator").asText()).isEqualTo("break-even --rag-vs-finetune");
        assertThat(root.get("inputs").get("training_cost_usd").asText()).isEqualTo("200");
        assertThat(root.get("results").get("break_even_queries").asText()).isEqualTo("50000");
        assertThat(root.get("results").get("retraining_usd_per_year").asText()).isEqualTo("2400");
        assertThat(root.get("formula").get(0).asText()).isEqualTo("break_even_queries = training_cost_usd / savings_per_query_usd");
        assertThat(root.get("meanings").has("break_even_queries")).isTrue();
    }

    @Test
    void the_prompt_cache_takes_a_named_models_prices_from_the_catalog() throws Exception {
        int code = run(new PlanCommand(), "break-even", "--prompt-cache", "--model", "claude-3-5-sonnet",
                "--prefix-tokens", "1000000", "--reads", "8", "--prewarm", "--format", "json");

        assertThat(code).as(err.toString()).isZero();
        JsonNode root = json();
        assertThat(root.get("inputs").get("cache_write_usd_per_million").asText()).isEqualTo("3.75");
        assertThat(root.get("results").get("with_cache_usd").asText()).isEqualTo("6.15");
        assertThat(root.get("results").get("without_cache_usd").asText()).isEqualTo("24");
        assertThat(root.get("notes").get(0).asText()).startsWith("prices: claude-3-5-sonnet-20241022@");
    }

    @Test
    void self_hosting_at_a_dollar_per_thousand_api_tokens_prints_csv_with_section_term_value() {
        int code = run(new PlanCommand(), "break-even", "--self-host", "--gpu-monthly-usd", "2000",
                "--gpu-tokens-per-day", "10000000", "--api-usd-per-1k", "0.001", "--format", "csv");

        assertThat(code).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("section,term,value,meaning");
        assertThat(lines).anyMatch(l -> l.startsWith("input,api_usd_per_million,1,"));
        assertThat(lines).anyMatch(l -> l.startsWith("result,api_monthly_usd,300,"));
        assertThat(lines).anyMatch(l -> l.startsWith("result,break_even_tokens_per_month,2000000000,"));
    }

    @Test
    void the_budget_table_shows_the_formula_inputs_and_results_with_points_lined_up() {
        int code = run(new PlanBudgetCommand(), "--model", "gpt-4o", "--at", "2024-06-01", "--users", "1000",
                "--queries-per-user-per-day", "2", "--input-tokens", "8100", "--output-tokens", "400");

        assertThat(code).as(err.toString()).isZero();
        String table = out.toString();
        assertThat(table).startsWith("bursar plan budget").contains("formula:", "inputs:", "results:", "notes:",
                "prices: gpt-4o@2024-05-13");
        String expected = table.lines().filter(l -> l.trim().startsWith("expected_monthly_usd") && !l.contains("=")).findFirst().orElseThrow();
        String daily = table.lines().filter(l -> l.trim().startsWith("daily_usd") && !l.contains("=")).findFirst().orElseThrow();
        assertThat(expected).contains("2790");
        assertThat(expected.indexOf("2790") + 4).as("the points (here: ends) line up").isEqualTo(daily.indexOf("93") + 2);
    }

    @Test
    void batch_from_a_catalog_model_uses_its_batch_prices() throws Exception {
        int code = run(new PlanCommand(), "break-even", "--batch", "--model", "gpt-4o", "--at", "2025-06-01",
                "--requests-per-month", "100000", "--input-tokens", "2000", "--output-tokens", "500",
                "--batchable-share", "0.5", "--setup-usd", "1500", "--format", "json");

        assertThat(code).as(err.toString()).isZero();
        assertThat(json().get("results").get("monthly_savings_usd").asText()).isEqualTo("250");
        assertThat(json().get("results").get("payback_months").asText()).isEqualTo("6");
    }

    @Test
    void the_response_cache_prices_a_request_from_its_tokens() throws Exception {
        int code = run(new PlanCommand(), "break-even", "--cache", "--input-usd-per-million", "5",
                "--output-usd-per-million", "15", "--input-tokens", "8100", "--output-tokens", "400",
                "--requests-per-month", "60000", "--hit-rate", "0.2", "--cache-monthly-usd", "300", "--format", "json");

        assertThat(code).as(err.toString()).isZero();
        assertThat(json().get("inputs").get("cost_per_request_usd").asText()).isEqualTo("0.0465");
        assertThat(json().get("results").get("net_savings_usd").asText()).isEqualTo("258");
    }

    @Test
    void the_system_prompt_calculator_reproduces_the_2000_token_50000_queries_arithmetic() throws Exception {
        int code = run(new PlanCommand(), "prompt", "--model", "gpt-4o", "--at", "2025-06-01", "--system-tokens", "2000",
                "--daily-requests", "50000", "--format", "json");

        assertThat(code).as(err.toString()).isZero();
        assertThat(json().get("results").get("monthly_usd").asText()).isEqualTo("7500");
    }

    @Test
    void a_missing_input_or_a_second_mode_is_refused_with_a_message() {
        assertThat(run(new PlanCommand(), "break-even", "--self-host", "--gpu-monthly-usd", "2000",
                "--gpu-tokens-per-day", "1000")).isEqualTo(1);
        assertThat(err.toString()).contains("bursar plan break-even: give one of --api-usd-per-million");
        assertThat(run(new PlanCommand(), "break-even", "--self-host", "--cache")).isEqualTo(2);
        assertThat(run(new PlanCommand(), "budget", "--model", "gpt-5-unknown", "--requests-per-day", "1",
                "--input-tokens", "1", "--output-tokens", "1")).isEqualTo(1);
        assertThat(err.toString()).contains("unknown model 'gpt-5-unknown'");
    }

    @Test
    void the_budget_from_the_ledger_reads_the_last_n_whole_days_and_counts_a_quiet_day_as_zero() throws Exception {
        Path db = dir.resolve("bursar.db");
        Path config = dir.resolve("bursar.yaml");
        Files.writeString(config, "storage:\n  sqlite: " + db + "\n");
        try (Stores s = Stores.open(new StorageConfig(db.toString(), null, null))) {
            s.ledger().append(event("a", "2026-03-10T10:00:00Z", "12.5"));
            s.ledger().append(event("b", "2026-03-10T23:59:00Z", "2.5"));
            s.ledger().append(event("c", "2026-03-12T08:00:00Z", "15"));
            s.ledger().append(event("old", "2026-03-01T08:00:00Z", "1000"));
            s.ledger().append(event("today", "2026-03-15T08:00:00Z", "1000"));
        }
        Clock clock = Clock.fixed(Instant.parse("2026-03-15T12:00:00Z"), ZoneOffset.UTC);

        int code = run(new PlanBudgetCommand(Map.of(), clock), "--from-ledger", "--days", "5", "--config",
                config.toString(), "--format", "json");

        assertThat(code).as(err.toString()).isZero();
        JsonNode root = json();
        assertThat(root.get("inputs").get("observed_days").asText()).isEqualTo("5");
        assertThat(root.get("results").get("observed_usd").asText()).as("10th, 11th (0), 12th, 13th (0), 14th (0)")
                .isEqualTo("30");
        assertThat(root.get("results").get("observed_requests").asText()).isEqualTo("3");
        assertThat(root.get("results").get("expected_monthly_usd").asText()).as("30 / 5 × 30").isEqualTo("180");
        assertThat(root.get("results").get("max_daily_usd").asText()).isEqualTo("15");
        assertThat(new BigDecimal(root.get("results").get("p95_monthly_usd").asText())).isGreaterThan(new BigDecimal("180"));
    }

    private static UsageEvent event(String id, String time, String cost) {
        return new UsageEvent(id, "r" + id, Instant.parse(time), new Attribution("key_1", "acme", null, null, "chat", null, null),
                new UsageEvent.Models("gpt-4o", "gpt-4o", "gpt-4o", "openai", "direct"),
                new UsageEvent.Call(Endpoint.CHAT, false, false, 1, "none", null),
                Usage.of(1000, 200),
                new UsageEvent.Charge(new BigDecimal(cost), BigDecimal.ZERO, "p1", false, null),
                new UsageEvent.Outcome(200, AttemptStatus.OK, null, 10, -1));
    }
}
