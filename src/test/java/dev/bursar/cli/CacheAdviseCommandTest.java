package dev.bursar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bursar.Stores;
import dev.bursar.attribution.Attribution;
import dev.bursar.config.StorageConfig;
import dev.bursar.ledger.AttemptStatus;
import dev.bursar.ledger.Endpoint;
import dev.bursar.ledger.PromptPrefix;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CacheAdviseCommandTest {

    @TempDir
    Path dir;
    Path db;
    Path config;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final Clock may = Clock.fixed(Instant.parse("2026-05-20T12:00:00Z"), ZoneOffset.UTC);

    @BeforeEach
    void writeConfig() throws Exception {
        db = dir.resolve("bursar-data/bursar.db");
        config = dir.resolve("bursar.yaml");
        Files.writeString(config, "storage:\n  sqlite: " + db + "\n");
    }

    /**
     * claude-sonnet-4-5 ($3 input, $3.75 write, $0.30 read per million): "support" sends a 10,000-token prefix four
     * times a minute apart; "=cmd" (a formula-looking feature) twice; one April call is out of range.
     */
    private void fixture() {
        try (Stores s = Stores.open(new StorageConfig(db.toString(), null, null))) {
            Instant t = Instant.parse("2026-05-04T10:00:00Z");
            for (int i = 0; i < 4; i++) {
                s.ledger().append(event("s" + i, t.plusSeconds(60L * i), "support", "aaaaaaaaaaaaaaaa", 10_000));
            }
            s.ledger().append(event("f1", t, "=cmd", "bbbbbbbbbbbbbbbb", 2_000));
            s.ledger().append(event("f2", t.plusSeconds(30), "=cmd", "bbbbbbbbbbbbbbbb", 2_000));
            s.ledger().append(event("april", Instant.parse("2026-04-30T10:00:00Z"), "support", "aaaaaaaaaaaaaaaa", 10_000));
        }
    }

    private static UsageEvent event(String id, Instant time, String feature, String hash, int prefix) {
        return new UsageEvent(id, "r" + id, time, new Attribution("k", "acme", null, null, feature, null, null),
                new UsageEvent.Models("claude-sonnet-4-5", "claude-sonnet-4-5", "claude-sonnet-4-5", "anthropic", "configured"),
                new UsageEvent.Call(Endpoint.MESSAGES, false, false, 1, "none", null, new PromptPrefix(hash, prefix)),
                Usage.of(prefix + 100, 40), new UsageEvent.Charge(BigDecimal.ONE, BigDecimal.ZERO, "p", false, null),
                new UsageEvent.Outcome(200, AttemptStatus.OK, null, 10, -1));
    }

    private int run(String... args) {
        CommandLine cl = new CommandLine(new CacheAdviseCommand(Map.of(), may));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void json_has_one_row_per_repeated_prefix_largest_saving_first_with_exact_money() throws Exception {
        fixture();

        int code = run("--config", config.toString(), "--month", "2026-05", "--format", "json");

        assertThat(code).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("from").asText()).isEqualTo("2026-05-01T00:00:00Z");
        assertThat(json.get("to").asText()).isEqualTo("2026-06-01T00:00:00Z");
        assertThat(json.get("lifetime").asText()).isEqualTo("5m");
        JsonNode support = json.get("rows").get(0);
        assertThat(support.get("feature").asText()).isEqualTo("support");
        assertThat(support.get("prompt_version").asText()).isEqualTo("(unattributed)");
        assertThat(support.get("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(support.get("provider_caching").asText()).isEqualTo("explicit (cache_control)");
        assertThat(support.get("prefix_tokens").asInt()).isEqualTo(10_000);
        assertThat(support.get("calls").asInt()).isEqualTo(4);
        assertThat(support.get("reuses").asInt()).isEqualTo(3);
        assertThat(support.get("cached_tokens").asInt()).isZero();
        // 4 × 10,000 × $3/M = 0.12; 10,000 × $3.75/M + 3 × 10,000 × $0.30/M = 0.0375 + 0.009
        assertThat(support.get("cost_now_usd").asText()).isEqualTo("0.12");
        assertThat(support.get("cost_with_cache_usd").asText()).isEqualTo("0.0465");
        assertThat(support.get("saving_usd").asText()).isEqualTo("0.0735");
        assertThat(support.get("saved_already_usd").asText()).isEqualTo("0");
        assertThat(support.get("break_even_reuses").asInt()).isEqualTo(2);
        assertThat(json.get("rows").get(1).get("feature").asText()).isEqualTo("=cmd");
        assertThat(json.get("totals").get("calls").asInt()).isEqualTo(6);
        // "=cmd": 2 × 2,000 × $3/M = 0.012 against 2,000 × $3.75/M + 2,000 × $0.30/M = 0.0081
        assertThat(json.get("totals").get("saving_usd").asText()).isEqualTo("0.0774");
    }

    @Test
    void the_table_lists_the_groups_a_total_and_the_legend_and_one_hour_changes_the_write_price() {
        fixture();

        int code = run("--config", config.toString(), "--from", "2026-05-01", "--to", "2026-05-31", "--lifetime", "1h");

        assertThat(code).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).contains("cache lifetime 1h");
        assertThat(lines.get(1).split(" +")).containsExactly("feature", "prompt_version", "model", "caching", "prefix",
                "calls", "reuses", "cached", "now_usd", "with_cache_usd", "saving_usd", "break_even");
        // 1 hour: 10,000 × $6/M + 3 × 10,000 × $0.30/M = 0.069; break-even (6 - 0.3) / (3 - 0.3) = 2.1 -> 3
        assertThat(lines.get(2)).startsWith("support").contains(" explicit ", " 0.069 ").endsWith(" 3");
        assertThat(lines.get(4)).matches("-+");
        assertThat(lines.get(5)).startsWith("TOTAL");
        assertThat(out.toString()).contains("break_even: from this many calls per cache write");
    }

    @Test
    void csv_neutralises_formula_tags_and_keeps_numbers_as_numbers() {
        fixture();

        int code = run("--config", config.toString(), "--month", "2026-05", "--format", "csv");

        assertThat(code).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).isEqualTo("feature,prompt_version,model,provider_caching,prefix_hash,prefix_tokens,calls,"
                + "reuses,cached_tokens,cost_now_usd,cost_with_cache_usd,saving_usd,saved_already_usd,break_even_reuses");
        assertThat(lines.get(2)).startsWith("\"'=cmd\",(unattributed),claude-sonnet-4-5,explicit (cache_control),"
                + "bbbbbbbbbbbbbbbb,2000,2,1,0,0.012,0.0081,0.0039,0,2");
    }

    @Test
    void bad_options_and_a_missing_ledger_are_errors_that_say_what_is_wrong() {
        assertThat(run("--config", config.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("no ledger at");
        fixture();
        assertThat(run("--config", config.toString(), "--month", "2026-05", "--from", "2026-05-01")).isEqualTo(1);
        assertThat(run("--config", config.toString(), "--month", "May")).isEqualTo(1);
        assertThat(run("--config", config.toString(), "--lifetime", "10m")).isEqualTo(1);
        assertThat(err.toString()).contains("cannot be used together", "not a month like 2026-11", "lifetime must be 5m or 1h");
    }

    @Test
    void advise_is_a_subcommand_of_bursar_cache() {
        CommandLine cl = new CommandLine(new Main());

        assertThat(cl.getSubcommands().get("cache").getSubcommands()).containsKey("advise");
    }
}
