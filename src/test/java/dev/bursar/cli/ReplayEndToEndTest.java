package dev.bursar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.capture.CaptureStore;
import dev.bursar.ledger.AnsweredCallReader;
import dev.bursar.pricing.PriceCatalog;
import dev.bursar.replay.Replay;
import dev.bursar.replay.ReplayLine;
import dev.bursar.replay.ReplayPolicy;
import dev.bursar.replay.ReplayReport;
import dev.bursar.replay.ReplayScorer;
import dev.bursar.routing.learned.LearnedRouter;
import dev.bursar.routing.DifficultyScorer;
import dev.bursar.storage.Database;
import dev.bursar.testing.Await;
import dev.bursar.testing.Golden;
import dev.bursar.testing.RunningBursar;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bursar replay} end to end: a known mix of requests through a gateway on the sim with capture on, then
 * replayed through other policies; every figure is checked against a hand computation from the ledger's recorded
 * tokens and the catalog's prices (gpt-4o $2.50 / $10 per million input / output tokens, gpt-4o-mini $0.15 / $0.60).
 */
class ReplayEndToEndTest {

    static RunningBursar bursar;
    /** The prompt of each request of the mix, by name, and its request id. */
    static final Map<String, String> ids = new HashMap<>();
    static final Map<String, JsonNode> rows = new HashMap<>();

    @TempDir
    Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    static final String SUMMARY = "Summarise the quarterly report.";
    static final String NOTES = "Summarise the meeting notes.";
    static final String FRANCE = "What is the capital of France?";
    static final String FRANCE_AGAIN = "What's the capital of France?";
    static final String PASSWORD = "How do I reset my password?";
    static final String JOKE = "Tell me a joke.";

    @BeforeAll
    static void sendTheMix() {
        bursar = RunningBursar.start("""
                providers: [ { name: sim, type: sim, sim: { ttft-millis: 0, tokens-per-second: 100000 } } ]
                models: [ { name: gpt-4o, provider: sim }, { name: gpt-4o-mini, provider: sim } ]
                keys: [ { key: acme-key, customer: acme }, { key: globex-key, customer: globex } ]
                capture: { enabled: true, retention: 30d, redact: [emails] }
                """);
        send("s1", "acme-key", "summaries", "gpt-4o", SUMMARY);
        send("s2", "acme-key", "summaries", "gpt-4o", SUMMARY);
        send("s3", "acme-key", "summaries", "gpt-4o", NOTES);
        send("p1", "acme-key", "support", "gpt-4o", FRANCE);
        send("p2", "acme-key", "support", "gpt-4o", FRANCE_AGAIN);
        send("p3", "acme-key", "support", "gpt-4o", PASSWORD);
        send("p4", "globex-key", "support", "gpt-4o", PASSWORD);
        send("c1", "acme-key", "chat", "gpt-4o-mini", JOKE);
        Await.until("eight captures stored", Duration.ofSeconds(10),
                () -> bursar.bursar().captures().orElseThrow().stored() == 8);
        for (JsonNode row : bursar.ledgerRows()) {
            rows.put(row.path("request_id").asText(), row);
        }
    }

    @AfterAll
    static void stop() {
        bursar.close();
    }

    private static void send(String name, String key, String feature, String model, String prompt) {
        HttpResponse<String> r = bursar.post("/v1/chat/completions", "{\"model\":\"" + model + "\",\"max_tokens\":40,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}",
                "Authorization", "Bearer " + key, "X-Bursar-Feature", feature);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        ids.put(name, r.headers().firstValue("X-Bursar-Request-Id").orElseThrow());
    }

    /** The recorded cost of one request of the mix, checked against its tokens at gpt-4o's or gpt-4o-mini's price. */
    static BigDecimal actual(String name) {
        JsonNode row = rows.get(ids.get(name));
        BigDecimal booked = new BigDecimal(row.path("cost_usd").asText());
        boolean mini = row.path("served_model").asText().equals("gpt-4o-mini");
        assertThat(booked).isEqualByComparingTo(mini ? mini(name) : strong(name));
        return booked;
    }

    /** The request's recorded tokens at gpt-4o's price: $2.50 and $10 per million. */
    static BigDecimal strong(String name) {
        return price(name, "2.5", "10");
    }

    /** The request's recorded tokens at gpt-4o-mini's price: $0.15 and $0.60 per million. */
    static BigDecimal mini(String name) {
        return price(name, "0.15", "0.6");
    }

    private static BigDecimal price(String name, String inputPerMillion, String outputPerMillion) {
        JsonNode row = rows.get(ids.get(name));
        long in = row.path("input_tokens").asLong();
        long outTokens = row.path("output_tokens").asLong();
        assertThat(in).isPositive();
        assertThat(outTokens).isPositive();
        return BigDecimal.valueOf(in).multiply(new BigDecimal(inputPerMillion))
                .add(BigDecimal.valueOf(outTokens).multiply(new BigDecimal(outputPerMillion))).movePointLeft(6);
    }

    static BigDecimal sum(BigDecimal... parts) {
        BigDecimal s = BigDecimal.ZERO;
        for (BigDecimal p : parts) {
            s = s.add(p);
        }
        return s;
    }

    private int replay(String policyYaml, String... args) throws Exception {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, policyYaml);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String[] all = new String[args.length + 8];
        System.arraycopy(new String[] {"--ledger", bursar.dir().resolve("bursar.db").toString(), "--policy",
                policy.toString(), "--from", today.minusDays(1).toString(), "--to", today.plusDays(1).toString()}, 0, all, 0, 8);
        System.arraycopy(args, 0, all, 8, args.length);
        CommandLine cl = new CommandLine(new ReplayCommand(Map.of(), Clock.systemUTC()));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(all);
    }

    static JsonNode feature(JsonNode report, String name) {
        for (JsonNode f : report.path("features")) {
            if (f.path("feature").asText().equals(name)) {
                return f;
            }
        }
        throw new AssertionError("no feature " + name + " in " + report);
    }

    static void assertMoney(JsonNode node, String field, BigDecimal expected) {
        assertThat(new BigDecimal(node.path(field).asText())).as(field).isEqualByComparingTo(expected);
    }

    @Test
    void a_switch_and_a_cache_policy_reprice_the_recorded_tokens_and_count_exact_and_semantic_hits() throws Exception {
        int code = replay("""
                routes:
                  - { feature: summaries, model: gpt-4o, to: gpt-4o-mini }
                cache: { exact: { ttl: 1h }, semantic: { ttl: 1h, threshold: auto } }
                """, "--format", "json", "--scorer", "none");

        assertThat(code).as(err.toString()).isZero();
        JsonNode report = Golden.JSON.readTree(out.toString());
        assertThat(report.path("captured").asInt()).isEqualTo(8);
        assertThat(report.path("unmatched").asInt()).isZero();
        assertThat(report.path("scorer").asText()).isEqualTo("none");

        // summaries: all three switched to gpt-4o-mini; s2 repeats s1 exactly (a hit, 0); quality unknown for all three.
        JsonNode summaries = feature(report, "summaries");
        BigDecimal summariesActual = sum(actual("s1"), actual("s2"), actual("s3"));
        BigDecimal summariesPolicy = sum(mini("s1"), mini("s3"));
        assertThat(summaries.path("requests").asInt()).isEqualTo(3);
        assertMoney(summaries, "actual_cost_usd", summariesActual);
        assertMoney(summaries, "policy_cost_usd", summariesPolicy);
        assertMoney(summaries, "saved_usd", summariesActual.subtract(summariesPolicy));
        assertThat(summaries.path("saved_pct").asText()).isEqualTo(summariesActual.subtract(summariesPolicy)
                .multiply(BigDecimal.valueOf(100)).divide(summariesActual, 2, java.math.RoundingMode.HALF_EVEN).toPlainString());
        assertThat(summaries.path("cache_hits_exact").asInt()).isEqualTo(1);
        assertThat(summaries.path("cache_hits_semantic").asInt()).isZero();
        assertThat(summaries.path("routed_weak").asInt()).isZero();
        assertThat(summaries.path("quality_unknown").asInt()).isEqualTo(3);
        assertThat(summaries.path("quality_change").asText()).isEqualTo("0.0000");

        // support: stays on gpt-4o; p2 is a paraphrase of p1 (a semantic hit, 0, and -0.05 of quality); p4 is the same
        // question as p3 from another customer: no hit across tenants.
        JsonNode support = feature(report, "support");
        BigDecimal supportActual = sum(actual("p1"), actual("p2"), actual("p3"), actual("p4"));
        BigDecimal supportPolicy = sum(actual("p1"), actual("p3"), actual("p4"));
        assertThat(support.path("requests").asInt()).isEqualTo(4);
        assertMoney(support, "actual_cost_usd", supportActual);
        assertMoney(support, "policy_cost_usd", supportPolicy);
        assertMoney(support, "saved_usd", actual("p2"));
        assertThat(support.path("cache_hits_exact").asInt()).isZero();
        assertThat(support.path("cache_hits_semantic").asInt()).isEqualTo(1);
        assertThat(support.path("quality_change").asText()).isEqualTo("-0.0125"); // -0.05 / 4
        assertThat(support.path("quality_unknown").asInt()).isZero();

        JsonNode chat = feature(report, "chat");
        assertMoney(chat, "actual_cost_usd", actual("c1"));
        assertMoney(chat, "policy_cost_usd", actual("c1"));
        assertMoney(chat, "saved_usd", BigDecimal.ZERO);

        JsonNode total = report.path("total");
        BigDecimal totalActual = sum(summariesActual, supportActual, actual("c1"));
        BigDecimal totalPolicy = sum(summariesPolicy, supportPolicy, actual("c1"));
        assertThat(total.path("requests").asInt()).isEqualTo(8);
        assertMoney(total, "actual_cost_usd", totalActual);
        assertMoney(total, "policy_cost_usd", totalPolicy);
        assertMoney(total, "saved_usd", totalActual.subtract(totalPolicy));
        assertThat(total.path("cache_hits_exact").asInt()).isEqualTo(1);
        assertThat(total.path("cache_hits_semantic").asInt()).isEqualTo(1);
        assertThat(total.path("quality_change").asText()).isEqualTo("-0.0062"); // -0.05 / 8 = -0.00625, half to even
        // Features in order of their actual cost, largest first.
        assertThat(report.path("features").findValuesAsText("feature")).containsExactlyElementsOf(
                List.of("support", "summaries", "chat").stream()
                        .sorted(java.util.Comparator.comparing((String f) -> new BigDecimal(feature(report, f)
                                .path("actual_cost_usd").asText())).reversed()).toList());
    }

    /** A fake router: a score per prompt, and a threshold of 0.5 whatever the quality target. */
    static final DifficultyScorer FAKE = new DifficultyScorer() {
        final Map<String, Double> scores = Map.of(SUMMARY, 0.1, NOTES, 0.7, FRANCE, 0.2, FRANCE_AGAIN, 0.3,
                PASSWORD, 0.05, JOKE, 0.9);

        @Override
        public double score(String prompt) {
            return scores.get(prompt);
        }

        @Override
        public double threshold(double qualityTarget) {
            return 0.5;
        }
    };

    @Test
    void a_learned_route_sends_easy_prompts_to_the_weak_model_and_predicts_the_quality_it_costs() {
        ReplayPolicy policy = ReplayPolicy.parse("""
                routes:
                  - { model: gpt-4o, strategy: learned, strong: gpt-4o, weak: gpt-4o-mini, quality-target: 0.9 }
                """, "policy.yaml");
        Database db = bursar.bursar().storage().database();
        Instant now = Instant.now();

        ReplayReport report = new Replay(new CaptureStore(db), new AnsweredCallReader(db), PriceCatalog.bundled())
                .run(now.minus(Duration.ofHours(1)), now.plusSeconds(60), policy, ReplayScorer.of("fake", FAKE));

        ReplayLine summaries = line(report, "summaries");
        // s1 and s2 score 0.1 (< 0.5): weak; s3 scores 0.7: stays on gpt-4o at its booked cost.
        assertThat(summaries.policyUsd()).isEqualByComparingTo(sum(mini("s1"), mini("s2"), actual("s3")));
        assertThat(summaries.routedWeak()).isEqualTo(2);
        assertThat(summaries.weakShare()).isEqualByComparingTo("0.6667");
        assertThat(summaries.qualityChange()).isEqualByComparingTo("-0.0667"); // (-0.1 - 0.1) / 3
        assertThat(summaries.exactHits()).isZero();

        ReplayLine support = line(report, "support");
        // Every support prompt scores under 0.5: all four to gpt-4o-mini.
        assertThat(support.policyUsd()).isEqualByComparingTo(sum(mini("p1"), mini("p2"), mini("p3"), mini("p4")));
        assertThat(support.actualUsd()).isEqualByComparingTo(sum(actual("p1"), actual("p2"), actual("p3"), actual("p4")));
        assertThat(support.weakShare()).isEqualByComparingTo("1");
        assertThat(support.qualityChange()).isEqualByComparingTo("-0.15"); // (-0.2 - 0.3 - 0.05 - 0.05) / 4

        // The chat request asked for gpt-4o-mini: no route takes it, whatever its score.
        ReplayLine chat = line(report, "chat");
        assertThat(chat.policyUsd()).isEqualByComparingTo(actual("c1"));
        assertThat(chat.routedWeak()).isZero();

        assertThat(report.total().requests()).isEqualTo(8);
        assertThat(report.total().savedUsd()).isEqualByComparingTo(sum(
                strong("s1").subtract(mini("s1")), strong("s2").subtract(mini("s2")),
                strong("p1").subtract(mini("p1")), strong("p2").subtract(mini("p2")),
                strong("p3").subtract(mini("p3")), strong("p4").subtract(mini("p4"))));
        assertThat(report.total().routedWeak()).isEqualTo(6);
        assertThat(report.total().qualityChange()).isEqualByComparingTo("-0.1000"); // -0.8 / 8
    }

    private static ReplayLine line(ReplayReport report, String feature) {
        return report.features().stream().filter(l -> feature.equals(l.feature())).findFirst().orElseThrow();
    }

    @Test
    void by_default_a_learned_route_is_replayed_with_the_router_the_gateway_routes_with() throws Exception {
        int code = replay("routes: [ { model: gpt-4o, strategy: learned, strong: gpt-4o, weak: gpt-4o-mini, quality-target: 0.95 } ]\n",
                "--format", "json");

        assertThat(code).as(err.toString()).isZero();
        JsonNode report = Golden.JSON.readTree(out.toString());
        assertThat(report.path("scorer").asText()).isEqualTo("shipped");
        // Expected from the shipped router itself: each gpt-4o prompt below its 0.95 threshold moves to gpt-4o-mini.
        LearnedRouter router = LearnedRouter.load();
        double threshold = router.threshold(0.95);
        Map<String, String> prompts = Map.of("s1", SUMMARY, "s2", SUMMARY, "s3", NOTES, "p1", FRANCE, "p2", FRANCE_AGAIN,
                "p3", PASSWORD, "p4", PASSWORD);
        BigDecimal policy = actual("c1");
        int weak = 0;
        for (Map.Entry<String, String> e : prompts.entrySet()) {
            boolean toWeak = router.score(e.getValue()) < threshold;
            weak += toWeak ? 1 : 0;
            policy = policy.add(toWeak ? mini(e.getKey()) : actual(e.getKey()));
        }
        assertThat(weak).as("short support and summary prompts are easy").isPositive();
        assertMoney(report.path("total"), "policy_cost_usd", policy);
        assertThat(report.path("total").path("routed_weak").asInt()).isEqualTo(weak);
    }

    @Test
    void the_table_and_csv_carry_the_same_totals() throws Exception {
        String policy = "routes: [ { feature: summaries, to: gpt-4o-mini } ]\n";
        assertThat(replay(policy, "--format", "csv", "--scorer", "none")).as(err.toString()).isZero();
        List<String> csv = out.toString().lines().toList();
        assertThat(csv.get(0)).isEqualTo(String.join(",", ReplayFormatter.COLUMNS));
        assertThat(csv).hasSize(5);
        String[] total = csv.get(4).split(",");
        assertThat(total[0]).isEqualTo("TOTAL");
        assertThat(total[1]).isEqualTo("8");
        BigDecimal actualTotal = sum(ids.keySet().stream().map(ReplayEndToEndTest::actual).toArray(BigDecimal[]::new));
        assertThat(new BigDecimal(total[2])).isEqualByComparingTo(actualTotal);
        assertThat(new BigDecimal(total[4])).isEqualByComparingTo(sum(actual("s1"), actual("s2"), actual("s3"))
                .subtract(sum(mini("s1"), mini("s2"), mini("s3"))));

        out.getBuffer().setLength(0);
        assertThat(replay(policy, "--scorer", "none")).as(err.toString()).isZero();
        List<String> table = out.toString().lines().toList();
        assertThat(table.get(0)).startsWith("What-if replay").contains("8 captured requests").contains("scorer none");
        assertThat(table.get(1).split(" +")).startsWith("feature", "requests", "actual_usd", "policy_usd", "saved_usd");
        assertThat(table.stream().filter(l -> l.startsWith("TOTAL")).findFirst().orElseThrow().split(" +")[1]).isEqualTo("8");
    }

    @Test
    void a_learned_route_without_a_scorer_and_an_unknown_policy_key_are_refused() throws Exception {
        assertThat(replay("routes: [ { model: gpt-4o, strategy: learned, strong: gpt-4o, weak: gpt-4o-mini } ]\n",
                "--scorer", "none")).isEqualTo(1);
        assertThat(err.toString()).contains("learned route").contains("scorer");

        err.getBuffer().setLength(0);
        assertThat(replay("routes: [ { model: gpt-4o, too: gpt-4o-mini } ]\n")).isEqualTo(1);
        assertThat(err.toString()).contains("unknown key").contains("too");

        err.getBuffer().setLength(0);
        assertThat(replay("routes: [ { model: gpt-4o, to: no-such-model } ]\n")).isEqualTo(1);
        assertThat(err.toString()).contains("no-such-model").contains("catalog");
    }
}
