package dev.bursar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bursar.Stores;
import dev.bursar.attribution.Attribution;
import dev.bursar.config.StorageConfig;
import dev.bursar.ledger.AttemptStatus;
import dev.bursar.ledger.Endpoint;
import dev.bursar.ledger.PromptParts;
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

/**
 * {@code bursar audit prompts} over a hand-made ledger on gpt-4o ($2.50 input, $1.25 cached input per million since
 * 2024-10-01): the system prompt's share of the input cost when the provider cached it, its monthly cost over the
 * days the version was live, and its growth from v1 to v2.
 */
class AuditPromptsCommandTest {

    @TempDir
    Path dir;
    Path config;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void ledger() throws Exception {
        Path db = dir.resolve("bursar.db");
        config = dir.resolve("bursar.yaml");
        Files.writeString(config, "storage:\n  sqlite: " + db + "\n");
        try (Stores s = Stores.open(new StorageConfig(db.toString(), null, null))) {
            // v1 on two days: 2,000 system tokens, nothing cached.
            s.ledger().append(event("1", "2026-11-02T10:00:00Z", "support", "v1", 2000, new Usage(2500, 0, 0, 0, 100, 0), "gpt-4o"));
            s.ledger().append(event("2", "2026-11-03T10:00:00Z", "support", "v1", 2000, new Usage(2600, 0, 0, 0, 100, 0), "gpt-4o"));
            // v2 on one day: 3,000 system tokens, 2,048 of them read from the provider's cache on the second call.
            s.ledger().append(event("3", "2026-11-10T10:00:00Z", "support", "v2", 3000, new Usage(3400, 0, 0, 0, 100, 0), "gpt-4o"));
            s.ledger().append(event("4", "2026-11-10T10:01:00Z", "support", "v2", 3000, new Usage(3400, 2048, 0, 0, 100, 0), "gpt-4o"));
            // another feature, and a month outside the range
            s.ledger().append(event("5", "2026-11-05T10:00:00Z", "search", "s1", 500, new Usage(600, 0, 0, 0, 10, 0), "gpt-4o"));
            s.ledger().append(event("6", "2026-10-05T10:00:00Z", "support", "v0", 100, new Usage(600, 0, 0, 0, 10, 0), "gpt-4o"));
        }
    }

    static UsageEvent event(String id, String time, String feature, String version, int system, Usage usage, String model) {
        int lastUser = 20;
        return new UsageEvent(id, "r" + id, Instant.parse(time), new Attribution("key_1", "acme", null, null, feature, null, version),
                new UsageEvent.Models(model, model, model, "openai", "direct"),
                new UsageEvent.Call(Endpoint.CHAT, false, false, 1, "none", null, null,
                        new PromptParts.Counted("hash-" + version, system, lastUser, 0).settle(usage.inputTokens())),
                usage, new UsageEvent.Charge(new BigDecimal("0.01"), BigDecimal.ZERO, "p", false, null),
                new UsageEvent.Outcome(200, AttemptStatus.OK, null, 10, -1));
    }

    private int run(String... args) {
        CommandLine cl = new CommandLine(new AuditPromptsCommand(Map.of(),
                Clock.fixed(Instant.parse("2026-11-20T00:00:00Z"), ZoneOffset.UTC))).setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void json_gives_each_version_its_system_tokens_cost_share_monthly_cost_and_growth_as_exact_decimal_strings() throws Exception {
        assertThat(run("--config", config.toString(), "--month", "2026-11", "--feature", "support", "--format", "json"))
                .as(err.toString()).isZero();

        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertThat(root.get("feature").asText()).isEqualTo("support");
        JsonNode v1 = root.get("rows").get(0);
        JsonNode v2 = root.get("rows").get(1);
        assertThat(root.get("rows")).hasSize(2);
        assertThat(v1.get("prompt_version").asText()).isEqualTo("v1");
        assertThat(v1.get("calls").asLong()).isEqualTo(2);
        assertThat(v1.get("days_active").asLong()).isEqualTo(2);
        assertThat(v1.get("system_tokens").asText()).isEqualTo("2000.0");
        // input: 5,100 × 2.5 / 1e6; system: 4,000 × 2.5 / 1e6
        assertThat(v1.get("input_cost_usd").asText()).isEqualTo("0.01275");
        assertThat(v1.get("system_cost_usd").asText()).isEqualTo("0.01");
        assertThat(v1.get("system_share_of_input_cost_pct").asText()).isEqualTo("78.43");
        assertThat(v1.get("monthly_system_cost_usd").asText()).as("0.01 / 2 days × 30").isEqualTo("0.15");
        assertThat(v1.get("conversation_tokens").asLong()).isEqualTo((2500 - 2020) + (2600 - 2020));
        assertThat(v1.get("previous_version").isNull()).isTrue();
        // v2, first call: 3,400 × 2.5; second: 2,048 × 1.25 + 1,352 × 2.5; the system prompt is the cached part first:
        // 3,000 × 2.5 + (2,048 × 1.25 + 952 × 2.5)
        assertThat(v2.get("input_cost_usd").asText()).isEqualTo("0.01444");
        assertThat(v2.get("system_cost_usd").asText()).isEqualTo("0.01244");
        assertThat(v2.get("monthly_system_cost_usd").asText()).as("one day × 30").isEqualTo("0.3732");
        assertThat(v2.get("previous_version").asText()).isEqualTo("v1");
        assertThat(v2.get("system_tokens_change").asText()).isEqualTo("1000.0");
        assertThat(v2.get("system_tokens_growth_pct").asText()).isEqualTo("50.00");
        assertThat(v2.get("monthly_cost_change_usd").asText()).isEqualTo("0.2232");
        assertThat(root.get("totals").get("system_cost_usd").asText()).isEqualTo("0.02244");
    }

    @Test
    void the_table_lists_every_feature_with_a_total_and_csv_has_one_line_per_version() {
        assertThat(run("--config", config.toString(), "--month", "2026-11")).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0).split(" +")).startsWith("feature", "version", "calls");
        assertThat(lines.get(1)).startsWith("search").contains("s1");
        assertThat(lines.get(2)).startsWith("support").contains("v1", "78.43%");
        assertThat(lines.get(3)).startsWith("support").contains("v2", "+50.00%");
        assertThat(lines.get(5)).startsWith("TOTAL");

        out.getBuffer().setLength(0);
        assertThat(run("--config", config.toString(), "--from", "2026-10-01", "--to", "2026-11-30", "--format", "csv")).isZero();
        List<String> csv = out.toString().lines().toList();
        assertThat(csv.getFirst()).startsWith("feature,prompt_version,first_seen,last_seen,calls");
        assertThat(csv).hasSize(5);
        assertThat(csv.get(2)).startsWith("support,v0,");
        assertThat(csv.get(3)).startsWith("support,v1,").contains(",v0,");
    }

    @Test
    void month_and_from_together_are_refused() {
        assertThat(run("--config", config.toString(), "--month", "2026-11", "--from", "2026-11-01")).isEqualTo(1);
        assertThat(err.toString()).contains("--month and --from/--to cannot be used together");
    }
}
