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
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bursar margin}, {@code costs}, {@code plans}, {@code revenue import} and {@code scenario} as a user runs them. */
class MarginCommandTest {

    @TempDir
    Path dir;
    Path config;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final Clock december = Clock.fixed(Instant.parse("2026-12-20T12:00:00Z"), ZoneOffset.UTC);

    @BeforeEach
    void ledger() throws Exception {
        Path db = dir.resolve("bursar-data/bursar.db");
        config = dir.resolve("bursar.yaml");
        Files.writeString(config, "storage:\n  sqlite: " + db + "\n" + """
                costs:
                  - { name: ECS Fargate, category: infrastructure, monthly-usd: "350", allocate: by-requests }
                  - { name: Datadog, category: monitoring, monthly-usd: "800", allocate: by-active-customers }
                plans:
                  - { name: pro, monthly-usd: "15" }
                  - { name: free, monthly-usd: "0", free-tier: true }
                customers:
                  - { id: acme, plan: pro, seats: 1 }
                  - { id: tiny, plan: free }
                """);
        try (Stores s = Stores.open(new StorageConfig(db.toString(), null, null))) {
            s.ledger().append(event("1", "acme", "2.5"));
            s.ledger().append(event("2", "tiny", "0.5"));
        }
    }

    private static UsageEvent event(String id, String customer, String cost) {
        return new UsageEvent(id, "r" + id, Instant.parse("2026-12-02T10:00:00Z"),
                new Attribution("key_1", customer, null, null, "chat", null, null),
                new UsageEvent.Models("gpt-4o", "gpt-4o", "gpt-4o", "openai", "direct"),
                new UsageEvent.Call(Endpoint.CHAT, false, false, 1, "none", null), Usage.of(1000, 200),
                new UsageEvent.Charge(new BigDecimal(cost), BigDecimal.ZERO, "p1", false, null),
                new UsageEvent.Outcome(200, AttemptStatus.OK, null, 10, -1));
    }

    private int run(Object command, String... args) {
        CommandLine cl = new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void json_prints_the_issues_shape_with_exact_money_and_the_free_tier_customer_first() throws Exception {
        int code = run(new MarginCommand(Map.of(), december), "--config", config.toString(), "--month", "2026-12",
                "--group-by", "customer", "--format", "json");

        assertThat(code).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("month").asText()).isEqualTo("2026-12");
        JsonNode tiny = json.get("rows").get(0);
        assertThat(tiny.get("customer").asText()).isEqualTo("tiny");
        assertThat(tiny.get("free_tier").asBoolean()).isTrue();
        // 0.50 API + half of 350 by requests + half of 800 by active customers
        assertThat(tiny.get("cost_to_serve_usd").asText()).isEqualTo("575.5");
        assertThat(tiny.get("margin_usd").asText()).isEqualTo("-575.5");
        JsonNode acme = json.get("rows").get(1);
        for (String field : new String[] {"customer", "plan", "revenue_usd", "api_cost_usd", "allocated_usd",
                "cost_to_serve_usd", "margin_usd", "margin_pct"}) {
            assertThat(acme.has(field)).as(field).isTrue();
        }
        assertThat(acme.get("revenue_usd").isTextual()).isTrue();
        assertThat(json.get("totals").get("cost_to_serve_usd").asText()).isEqualTo("1153");
    }

    @Test
    void the_table_has_a_total_and_the_tco_lines_and_csv_one_line_per_row() {
        assertThat(run(new MarginCommand(Map.of(), december), "--config", config.toString())).isZero();
        assertThat(out.toString()).contains("TOTAL", "ECS Fargate", "failed requests (ledger)", "tiny", "free (free)");

        out.getBuffer().setLength(0);
        assertThat(run(new MarginCommand(Map.of(), december), "--config", config.toString(), "--format", "csv",
                "--group-by", "plan")).isZero();
        String[] lines = out.toString().split("\r\n");
        assertThat(lines[0]).startsWith("plan,plan,free_tier,revenue_usd,api_cost_usd,failed_usd,allocated_usd,"
                + "allocated_infrastructure_usd,allocated_monitoring_usd,cost_to_serve_usd");
        assertThat(lines).hasSize(3);
    }

    @Test
    void month_and_from_to_are_alternatives() {
        assertThat(run(new MarginCommand(Map.of(), december), "--config", config.toString(), "--month", "2026-12",
                "--from", "2026-12-01")).isEqualTo(1);
        assertThat(err.toString()).contains("--month and --from/--to are alternatives");
    }

    @Test
    void cost_items_plans_and_revenue_made_on_the_command_line_reach_the_report() throws Exception {
        String c = config.toString();
        assertThat(run(new CostsCommand(), "add", "--config", c, "--name", "Sentry", "--category", "monitoring",
                "--monthly", "26", "--allocate", "fixed:acme=1")).isZero();
        assertThat(run(new CostsCommand(), "remove", "--config", c, "ECS Fargate")).isEqualTo(1); // bursar.yaml's
        assertThat(run(new PlansCommand(), "set", "--config", c, "--name", "team", "--monthly", "40")).isZero();
        assertThat(run(new PlansCommand(), "assign", "--config", c, "--plan", "team", "globex")).isZero();
        Path csv = dir.resolve("revenue.csv");
        Files.writeString(csv, "customer,month,amount_usd\nacme,2026-12,20\n");
        assertThat(run(new RevenueCommand(), "import", "--config", c, csv.toString())).isZero();

        run(new MarginCommand(Map.of(), december), "--config", c, "--month", "2026-12", "--format", "json");

        JsonNode json = new ObjectMapper().readTree(out.toString());
        JsonNode acme = null;
        JsonNode globex = null;
        for (JsonNode r : json.get("rows")) {
            acme = r.get("customer").asText().equals("acme") ? r : acme;
            globex = r.get("customer").asText().equals("globex") ? r : globex;
        }
        assertThat(acme.get("revenue_usd").asText()).isEqualTo("20");
        assertThat(acme.get("allocated").get("monitoring").asText()).isEqualTo("426"); // 400 + Sentry 26
        assertThat(globex.get("plan").asText()).isEqualTo("team");
        assertThat(globex.get("revenue_usd").asText()).isEqualTo("40");
    }

    @Test
    void scenario_prints_before_and_after_and_the_break_even_price() throws Exception {
        Path file = dir.resolve("scenario.yaml");
        Files.writeString(file, """
                month: 2026-12
                plans:
                  - { name: pro, monthly-usd: "10" }
                """);

        int code = run(new ScenarioCommand(Map.of()), "--config", config.toString(), "--file", file.toString(), "--format", "json");

        assertThat(code).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("totals").get("before").get("revenue_usd").asText()).isEqualTo("15");
        assertThat(json.get("totals").get("after").get("revenue_usd").asText()).isEqualTo("10");
        assertThat(json.get("break_even").findValuesAsText("plan")).containsExactlyInAnyOrder("pro", "free");
        out.getBuffer().setLength(0);
        assertThat(run(new ScenarioCommand(Map.of()), "--config", config.toString(), "--file", file.toString())).isZero();
        assertThat(out.toString()).contains("break_even_monthly_usd", "turned unprofitable:");
    }
}
