package dev.bursar.cli;

import static dev.bursar.ledger.AttemptStatus.OK;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bursar.Stores;
import dev.bursar.attribution.Attribution;
import dev.bursar.config.StorageConfig;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import dev.bursar.reconcile.FakeProviderApi;
import dev.bursar.reconcile.FakeAdminApi;

/**
 * {@code bursar reconcile} against fixtures in the providers' documented response shapes
 * (src/test/resources/reconcile). The ledger holds what the fixtures bill: per day, gpt-4o 100k input (40k cached),
 * 10k output = $0.30 at $2.50/$1.25/$10; claude-sonnet-4 120k input (20k cache reads, 10k 5-minute cache writes),
 * 5k output = $0.3885 at $3/$0.30/$3.75/$15.
 */
class ReconcileCommandTest {

    @TempDir
    Path dir;
    Path db;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final AtomicInteger ids = new AtomicInteger();

    @BeforeEach
    void ledgerOfTwoDays() {
        db = dir.resolve("bursar.db");
        List<UsageEvent> events = new ArrayList<>();
        for (String day : List.of("2026-11-01", "2026-11-02")) {
            // two gpt-4o calls a day, half each: the ledger's rows add up to the provider's one line
            events.add(openAi(day + "T09:00:00Z", "0.15"));
            events.add(openAi(day + "T17:30:00Z", "0.15"));
            events.add(anthropic(day + "T12:00:00Z", "0.3885"));
            // a cache hit never reached OpenAI: it must not count, whatever tokens it carries
            events.add(event(day + "T18:00:00Z", "gpt-4o", "openai", "hit_exact", Usage.of(100000, 10000), "0"));
        }
        append(events);
    }

    private UsageEvent openAi(String time, String cost) {
        return event(time, "gpt-4o", "openai", "miss", new Usage(50000, 20000, 0, 0, 5000, 0), cost);
    }

    private UsageEvent anthropic(String time, String cost) {
        return event(time, "claude-sonnet-4-20250514", "anthropic", "none",
                new Usage(120000, 20000, 10000, 0, 5000, 0), cost);
    }

    private UsageEvent event(String time, String model, String provider, String cache, Usage usage, String cost) {
        String id = "e" + ids.incrementAndGet();
        return new UsageEvent(id, "r" + id, Instant.parse(time), new Attribution("key_1", "acme", null, null, null, null, null),
                new UsageEvent.Models(model, model, model, provider, "direct"),
                new UsageEvent.Call(Endpoint.CHAT, false, false, 1, cache, null), usage,
                new UsageEvent.Charge(new BigDecimal(cost), BigDecimal.ZERO, "p1", false, null),
                new UsageEvent.Outcome(200, OK, null, 10, -1));
    }

    private void append(List<UsageEvent> events) {
        try (Stores s = Stores.open(new StorageConfig(db.toString(), null, null))) {
            events.forEach(s.ledger()::append);
        }
    }

    private static Path fixture(String name) {
        return Path.of("src/test/resources/reconcile", name);
    }

    private int run(String... args) {
        return run(Map.of(), args);
    }

    private int run(Map<String, String> env, String... args) {
        CommandLine cl = new CommandLine(new ReconcileCommand(env,
                Clock.fixed(Instant.parse("2026-12-03T00:00:00Z"), ZoneOffset.UTC)));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--ledger", db.toString()));
        return cl.execute(all.toArray(String[]::new));
    }

    private JsonNode json() throws Exception {
        return new ObjectMapper().readTree(out.toString());
    }

    @Test
    void matchingOpenAiCostsAcrossTwoPagesAreSilentAndTheDatedSnapshotIsTheCatalogModel() throws Exception {
        int code = run("--openai-costs", fixture("openai-costs.json").toString(), "--format", "json");

        assertThat(code).as(err.toString()).isZero();
        JsonNode rows = json().get("rows");
        assertThat(rows).hasSize(2);
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("model").asText()).isEqualTo("gpt-4o");
            assertThat(r.get("ledger").get("cost_usd").asText()).isEqualTo("0.3");
            assertThat(r.get("reported").get("cost_usd").asText()).isEqualTo("0.3");
            assertThat(r.get("difference").get("cost_usd").asText()).isEqualTo("0");
            assertThat(r.get("verdict").asText()).isEqualTo("ok");
        });
        assertThat(json().get("from").asText()).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(json().get("to").asText()).isEqualTo("2026-11-03T00:00:00Z");
    }

    @Test
    void matchingOpenAiUsageComparesEveryTokenClassAndSaysSoInTheTable() {
        int code = run("--openai-usage", fixture("openai-usage.json").toString());

        assertThat(code).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0).split(" +")).startsWith("day", "provider", "model", "ledger_input", "reported_input",
                "diff_input", "ledger_cached").endsWith("verdict");
        assertThat(lines.get(1).split(" +")).containsExactly("2026-11-01", "openai", "gpt-4o", "100000", "100000", "0",
                "40000", "40000", "0", "0", "0", "0", "10000", "10000", "0", "ok");
        assertThat(lines).contains("all 2 rows within tolerance");
    }

    @Test
    void anthropicCentsAreDividedByAHundredSoAMatchingCostReportIsSilent() throws Exception {
        // the fixture bills 38.85 (cents) a day; read as dollars it would be 100x the ledger's $0.3885
        int code = run("--anthropic-cost", fixture("anthropic-cost.json").toString(), "--format", "json");

        assertThat(code).as(err.toString()).isZero();
        JsonNode rows = json().get("rows");
        assertThat(rows).hasSize(2).allSatisfy(r -> {
            assertThat(r.get("model").asText()).isEqualTo("claude-sonnet-4-20250514");
            assertThat(new BigDecimal(r.get("reported").get("cost_usd").asText())).isEqualByComparingTo("0.3885");
            assertThat(r.get("verdict").asText()).isEqualTo("ok");
        });
        assertThat(json().get("beyond_tolerance").asLong()).isZero();
    }

    @Test
    void anthropicUsagePagesInJsonlMatchTheLedgersTokenClasses() throws Exception {
        int code = run("--anthropic-usage", fixture("anthropic-usage.jsonl").toString(), "--format", "json");

        assertThat(code).as(err.toString()).isZero();
        assertThat(json().get("rows")).hasSize(2); // both pages
        JsonNode day = json().get("rows").get(1);
        assertThat(day.get("day").asText()).isEqualTo("2026-11-02");
        assertThat(day.get("reported").get("input_tokens").asLong()).isEqualTo(120000);
        assertThat(day.get("reported").get("cached_input_tokens").asLong()).isEqualTo(20000);
        assertThat(day.get("reported").get("cache_write_tokens").asLong()).isEqualTo(10000);
        assertThat(day.get("difference").get("output_tokens").asLong()).isZero();
    }

    @Test
    void aDayOfTrafficThatBypassedTheGatewayIsMissingInTheLedgerAndExitsThree() throws Exception {
        Path report = dir.resolve("usage.jsonl");
        Files.writeString(report, Files.readString(fixture("anthropic-usage.jsonl"))
                + Files.readString(fixture("anthropic-usage-bypass-page.json")));

        int code = run("--anthropic-usage", report.toString(), "--format", "csv");

        assertThat(code).isEqualTo(3);
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).startsWith("2026-11-01,anthropic,claude-sonnet-4-20250514,").endsWith(",ok");
        assertThat(lines.get(2)).endsWith(",ok");
        assertThat(lines.get(3)).startsWith("2026-11-03,anthropic,claude-sonnet-4-20250514,0,120000,120000,")
                .endsWith(",missing-in-ledger");
    }

    @Test
    void aWrongPriceInTheLedgerIsDriftOnThatDayOnly() throws Exception {
        // Nov 2's calls priced twice over (a stale price entry): the ledger says $0.60 where OpenAI billed $0.30
        Path wrong = dir.resolve("wrong.db");
        db = wrong;
        append(List.of(openAi("2026-11-01T09:00:00Z", "0.3"), openAi("2026-11-02T09:00:00Z", "0.6")));

        int code = run("--openai-costs", fixture("openai-costs.json").toString(), "--format", "json");

        assertThat(code).isEqualTo(3);
        JsonNode rows = json().get("rows");
        assertThat(rows.get(0).get("verdict").asText()).isEqualTo("ok");
        assertThat(rows.get(1).get("verdict").asText()).isEqualTo("drift");
        assertThat(rows.get(1).get("ledger").get("cost_usd").asText()).isEqualTo("0.6");
        assertThat(rows.get(1).get("difference").get("cost_usd").asText()).isEqualTo("-0.3");

        out.getBuffer().setLength(0);
        assertThat(run("--openai-costs", fixture("openai-costs.json").toString())).isEqualTo(3);
        assertThat(out.toString().lines()).containsExactly(
                "day         provider  model   ledger_usd  reported_usd  difference_usd  verdict",
                "2026-11-01  openai    gpt-4o        0.30          0.30            0.00  ok",
                "2026-11-02  openai    gpt-4o        0.60          0.30           -0.30  drift",
                "1 of 2 rows beyond tolerance (difference = reported - ledger)");
    }

    @Test
    void ledgerTrafficTheProviderNeverReportedIsMissingAtProvider() throws Exception {
        append(List.of(event("2026-11-02T08:00:00Z", "gpt-4o-mini", "openai", "none", Usage.of(1000, 100), "0.05")));

        int code = run("--openai-costs", fixture("openai-costs.json").toString(), "--format", "json");

        assertThat(code).isEqualTo(3);
        JsonNode mini = json().get("rows").get(2);
        assertThat(mini.get("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(mini.get("verdict").asText()).isEqualTo("missing-at-provider");
        assertThat(mini.get("difference").get("cost_usd").asText()).isEqualTo("-0.05");
    }

    @Test
    void aDifferenceWithinTheDollarFloorIsOkUntilTheToleranceIsTightened() {
        append(List.of(event("2026-11-01T23:00:00Z", "gpt-4o", "openai", "miss", Usage.of(10, 10), "0.005")));

        assertThat(run("--openai-costs", fixture("openai-costs.json").toString())).isZero();
        assertThat(run("--openai-costs", fixture("openai-costs.json").toString(), "--tolerance-usd", "0.001"))
                .isEqualTo(3);
        assertThat(out.toString()).contains("1 of 2 rows beyond tolerance");
        assertThat(run("--openai-costs", fixture("openai-costs.json").toString(), "--tolerance-usd", "0.001",
                "--tolerance-pct", "2")).isZero();
    }

    @Test
    void aMonthOutsideTheReportsDaysLeavesNothingToCompare() {
        int code = run("--openai-costs", fixture("openai-costs.json").toString(), "--month", "2026-10");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("no traffic on either side");
    }

    @Test
    void oneReportPerRunAndTheWrongShapeIsNamed() {
        assertThat(run("--openai-costs", fixture("openai-costs.json").toString(),
                "--anthropic-cost", fixture("anthropic-cost.json").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("exactly one of --openai-costs");

        assertThat(run("--openai-costs", fixture("anthropic-cost.json").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("a bucket has no start_time (is this a openai-costs report?)");
    }

    @Test
    void pullFollowsTheAnthropicUsageReportsPagesWithTheAdminKeyAndReconcilesThem() throws Exception {
        List<String> pages = Files.readAllLines(fixture("anthropic-usage.jsonl"));
        try (FakeProviderApi api = new FakeProviderApi("/v1/organizations/usage_report/messages", pages, "x-api-key",
                "sk-ant-admin-test")) {
            int code = run(Map.of("ANTHROPIC_ADMIN_KEY", "sk-ant-admin-test"), "--pull", "anthropic-usage",
                    "--base-url", api.baseUrl(), "--from", "2026-11-01", "--to", "2026-11-02", "--format", "json");

            assertThat(code).as(err.toString()).isZero();
            assertThat(json().get("rows")).hasSize(2).allSatisfy(r -> assertThat(r.get("verdict").asText()).isEqualTo("ok"));
            assertThat(api.requests).hasSize(2);
            assertThat(api.requests.get(0)).contains("group_by%5B%5D=model", "bucket_width=1d",
                    "starting_at=2026-11-01T00%3A00%3A00Z", "ending_at=2026-11-03T00%3A00%3A00Z").doesNotContain("page=");
            assertThat(api.requests.get(1)).contains("page=page_MjAyNi0xMS0wMlQwMDowMDowMFo");
        }
    }

    @Test
    void pullWithoutARangeComparesYesterdayAndAWrongKeyIsAnError() throws Exception {
        List<String> pages = List.of(Files.readString(fixture("openai-usage.json")));
        try (FakeProviderApi api = new FakeProviderApi("/v1/organization/usage/completions", pages, "Authorization",
                "Bearer sk-admin-right")) {
            int code = run(Map.of("OPENAI_ADMIN_KEY", "sk-admin-wrong"), "--pull", "openai-usage",
                    "--base-url", api.baseUrl());

            assertThat(code).isEqualTo(1);
            assertThat(err.toString()).contains("cannot pull the report: openai answered HTTP 401", "invalid admin key");
            // the test clock says 2026-12-03: yesterday is Dec 2, in Unix seconds
            assertThat(api.requests.getFirst()).contains("start_time=1796169600", "end_time=1796256000");
        }
        assertThat(run("--pull", "openai-usage")).isEqualTo(1);
        assertThat(err.toString()).contains("needs an admin key in $OPENAI_ADMIN_KEY");
    }

    /** Pulls 2026-11-01 and -02 from a fake OpenAI Admin API into the ledger's database, as the gateway's schedule does. */
    private void pulledByTheGateway(java.math.BigDecimal extraOnTheSecondDay) throws Exception {
        try (FakeAdminApi api = FakeAdminApi.openAi("sk-admin");
             Stores s = Stores.open(new StorageConfig(db.toString(), null, null))) {
            var config = new dev.bursar.config.ReconcileConfig(new dev.bursar.config.ReconcileConfig.Admin("sk-admin",
                    api.baseUrl()), null, null, null, null, null, null);
            var reconciler = new dev.bursar.reconcile.ScheduledReconciler(config,
                    new dev.bursar.reconcile.ReconcileStore(s.database()),
                    new dev.bursar.reconcile.ModelNames(dev.bursar.pricing.PriceCatalog.bundled()), Clock.systemUTC(), () -> { });
            for (String d : List.of("2026-11-01", "2026-11-02")) {
                java.time.LocalDate day = java.time.LocalDate.parse(d);
                BigDecimal extra = d.endsWith("02") ? extraOnTheSecondDay : BigDecimal.ZERO;
                api.serve(FakeAdminApi.OPENAI_COSTS, FakeAdminApi.openAiCosts(day, Map.of("gpt-4o-2024-08-06",
                        new BigDecimal[] {new BigDecimal("0.15").add(extra), new BigDecimal("0.15")})));
                api.serve(FakeAdminApi.OPENAI_USAGE, FakeAdminApi.openAiUsage(day, Map.of("gpt-4o-2024-08-06",
                        new long[] {100000, 40000, 10000})));
                assertThat(reconciler.pull(day, false)).singleElement().satisfies(o -> assertThat(o.ok()).isTrue());
            }
        }
    }

    @Test
    void storedReadsWhatTheGatewayPulledInsteadOfAFileWithTheSameJsonFields() throws Exception {
        pulledByTheGateway(BigDecimal.ZERO);

        int code = run("--stored", "--from", "2026-11-01", "--to", "2026-11-02", "--format", "json");

        assertThat(code).as(err.toString()).isZero();
        JsonNode reports = json().get("reports");
        assertThat(reports).extracting(r -> r.get("source").asText()).containsExactly("openai-costs", "openai-usage");
        JsonNode costs = reports.get(0);
        assertThat(costs.get("compared").asText()).isEqualTo("cost_usd");
        assertThat(costs.get("rows")).hasSize(2).allSatisfy(r -> {
            assertThat(r.get("model").asText()).isEqualTo("gpt-4o");
            assertThat(r.get("ledger").get("cost_usd").asText()).isEqualTo("0.3");
            assertThat(r.get("reported").get("cost_usd").asText()).isEqualTo("0.3");
            assertThat(r.get("verdict").asText()).isEqualTo("ok");
        });
        assertThat(json().get("runs")).hasSize(2).allSatisfy(r -> assertThat(r.get("status").asText()).isEqualTo("ok"));
    }

    @Test
    void storedBypassTrafficIsBeyondToleranceWithExitCodeThree() throws Exception {
        pulledByTheGateway(new BigDecimal("4.70"));

        int code = run("--stored", "--from", "2026-11-01", "--to", "2026-11-02");

        assertThat(code).as(err.toString()).isEqualTo(3);
        assertThat(out.toString()).contains("openai-costs:", "openai-usage:")
                .containsPattern("2026-11-02 +openai +gpt-4o +0\\.30 +5\\.00 +4\\.70 +drift");
    }

    @Test
    void storedWithNothingPulledSaysSo() {
        int code = run("--stored", "--from", "2026-11-01", "--to", "2026-11-02");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("has been pulled");
    }

    @Test
    void storedVerdictsUseTheConfigsToleranceLikeTheAdminApiUnlessTheOptionsSayOtherwise() throws Exception {
        pulledByTheGateway(new BigDecimal("4.70"));
        Path yaml = dir.resolve("bursar.yaml");
        Files.writeString(yaml, "reconcile: { percent: 100, min-usd: 10 }\n");

        assertThat(run("--stored", "--config", yaml.toString(), "--from", "2026-11-01", "--to", "2026-11-02",
                "--format", "json")).as(err.toString()).isZero();
        assertThat(run("--stored", "--config", yaml.toString(), "--tolerance-usd", "1", "--tolerance-pct", "10",
                "--from", "2026-11-01", "--to", "2026-11-02")).isEqualTo(3);
    }
}
