package dev.bursar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.testing.RunningBursar;
import dev.bursar.testing.TempDirs;
import dev.bursar.tokens.TokenCounter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code bursar tiers eval} end to end: a real gateway on a random port whose sim answers from a script, so which
 * answers are right is known, and every expected figure is worked out here from the catalog's prices and the
 * tokens the sim counts.
 */
class TiersEvalCommandTest {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Per million tokens, from the bundled catalog (gpt-4o and gpt-4o-mini since 2024-10-01). */
    static final BigDecimal GPT_4O_IN = new BigDecimal("2.5");
    static final BigDecimal GPT_4O_OUT = new BigDecimal("10");
    static final BigDecimal MINI_IN = new BigDecimal("0.15");
    static final BigDecimal MINI_OUT = new BigDecimal("0.6");

    /** Six questions: three facts (exact answers), three sums (regex answers). */
    static final String GOLDEN = """
            {"id": "f1", "prompt": "What is the capital of France?", "expected": "Paris", "category": "facts", "tags": ["geo"]}
            {"id": "f2", "prompt": "What is the capital of Japan?", "expected": "Tokyo", "category": "facts", "tags": ["geo"]}
            # a comment, and a blank line below

            {"id": "f3", "prompt": "Who wrote Hamlet?", "expected": "William Shakespeare", "category": "facts", "tags": ["literature"]}
            {"id": "m1", "messages": [{"role": "system", "content": "Answer with the number."}, {"role": "user", "content": "What is 17 + 25?"}], "expected_regex": "\\\\b42\\\\b", "category": "math", "tags": ["arithmetic"]}
            {"id": "m2", "prompt": "What is 12 * 12?", "expected_regex": "\\\\b144\\\\b", "category": "math", "tags": ["arithmetic"], "max_tokens": 20}
            {"id": "m3", "prompt": "What is the square root of 169?", "expected_regex": "\\\\b13\\\\b", "category": "math", "tags": ["arithmetic", "roots"]}
            """;

    /** gpt-4o gets everything right; gpt-4o-mini gets f2, m2 and m3 wrong (its lines come first, so they win). */
    static final Map<String, String> STRONG = Map.of(
            "What is the capital of France?", "Paris.",
            "What is the capital of Japan?", "Tokyo",
            "Who wrote Hamlet?", "William Shakespeare",
            "What is 17 + 25?", "17 + 25 = 42",
            "What is 12 * 12?", "144",
            "What is the square root of 169?", "The square root of 169 is 13.");
    static final Map<String, String> WEAK = Map.of(
            "What is the capital of France?", "  paris\n",
            "What is the capital of Japan?", "Kyoto",
            "Who wrote Hamlet?", "william shakespeare.",
            "What is 17 + 25?", "42",
            "What is 12 * 12?", "124",
            "What is the square root of 169?", "It is 14.");

    /** Judged prompts: the judge (gpt-4.1) grades by which answer it is shown. */
    static final String JUDGED = """
            {"id": "j1", "prompt": "Explain DNS briefly.", "category": "explain"}
            {"id": "j2", "prompt": "Explain TCP briefly.", "category": "explain", "tags": ["network"]}
            {"id": "j3", "prompt": "Write a haiku about cost.", "category": "creative"}
            """;
    static final String JUDGE_SCRIPT = """
            {"match": "Explain DNS briefly.", "model": "gpt-4o-mini", "answer": "MINI-DNS"}
            {"match": "Explain TCP briefly.", "model": "gpt-4o-mini", "answer": "MINI-TCP"}
            {"match": "Write a haiku about cost.", "model": "gpt-4o-mini", "answer": "MINI-HAIKU"}
            {"match_regex": "^Explain|^Write", "answer": "STRONG-ANSWER"}
            {"match_regex": "Answer to grade:\\\\s+STRONG-ANSWER", "model": "gpt-4.1", "answer": "Grade: 9"}
            {"match_regex": "Answer to grade:\\\\s+MINI-DNS", "model": "gpt-4.1", "answer": "The answer is accurate.\\nGrade: 7"}
            {"match_regex": "Answer to grade:\\\\s+MINI-TCP", "model": "gpt-4.1", "answer": "**Grade:** 4/10 - misses the handshake"}
            {"match_regex": "Answer to grade:\\\\s+MINI-HAIKU", "model": "gpt-4.1", "answer": "I cannot decide."}
            """;

    static Path dir;
    static RunningBursar bursar;

    @BeforeAll
    static void start() throws IOException {
        dir = TempDirs.create("tiers-eval");
        StringBuilder script = new StringBuilder();
        WEAK.forEach((q, a) -> script.append(line(q, "gpt-4o-mini", a)));
        STRONG.forEach((q, a) -> script.append(line(q, null, a)));
        script.append(JUDGE_SCRIPT);
        Files.writeString(dir.resolve("script.jsonl"), script);
        Files.writeString(dir.resolve("golden.jsonl"), GOLDEN);
        Files.writeString(dir.resolve("judged.jsonl"), JUDGED);
        bursar = RunningBursar.start("providers: [ { name: sim, type: sim, sim: { script: \"${SCRIPT}\" } } ]",
                Map.of("SCRIPT", dir.resolve("script.jsonl").toString()));
    }

    @AfterAll
    static void stop() {
        bursar.close();
        TempDirs.delete(dir);
    }

    static String line(String question, String model, String answer) {
        ObjectNode o = JSON.createObjectNode().put("match", question).put("answer", answer);
        if (model != null) {
            o.put("model", model);
        }
        return o + "\n";
    }

    record Run(int exit, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + out + err, e);
            }
        }
    }

    static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new TiersEvalCommand(env)).setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    static Run eval(String golden, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("--golden", dir.resolve(golden).toString(), "--url", bursar.baseUrl()));
        args.addAll(List.of(more));
        return run(Map.of(), args.toArray(String[]::new));
    }

    /** What one scripted call costs: the prompt as the sim counts it, the answer's tokens, at the catalog's prices. */
    static BigDecimal cost(String model, List<Map<String, String>> messages, Integer maxTokens, String answer,
                           BigDecimal inPerM, BigDecimal outPerM) {
        ObjectNode body = JSON.createObjectNode().put("model", model);
        body.set("messages", JSON.valueToTree(messages));
        if (maxTokens != null) {
            body.put("max_tokens", maxTokens);
        }
        TokenCounter counter = TokenCounter.forModel(model);
        BigDecimal in = BigDecimal.valueOf(counter.countOpenAiPrompt(body));
        BigDecimal out = BigDecimal.valueOf(counter.count(answer));
        return in.multiply(inPerM).add(out.multiply(outPerM)).movePointLeft(6);
    }

    static BigDecimal goldenCost(String model, Map<String, String> answers, BigDecimal in, BigDecimal out) {
        BigDecimal sum = BigDecimal.ZERO;
        for (String q : List.of("What is the capital of France?", "What is the capital of Japan?", "Who wrote Hamlet?",
                "What is the square root of 169?")) {
            sum = sum.add(cost(model, List.of(Map.of("role", "user", "content", q)), null, answers.get(q), in, out));
        }
        sum = sum.add(cost(model, List.of(Map.of("role", "system", "content", "Answer with the number."),
                Map.of("role", "user", "content", "What is 17 + 25?")), null, answers.get("What is 17 + 25?"), in, out));
        return sum.add(cost(model, List.of(Map.of("role", "user", "content", "What is 12 * 12?")), 20,
                answers.get("What is 12 * 12?"), in, out));
    }

    static BigDecimal per1k(BigDecimal total, int calls) {
        return total.multiply(BigDecimal.valueOf(1000)).divide(BigDecimal.valueOf(calls), 12, RoundingMode.HALF_EVEN);
    }

    static BigDecimal decimal(JsonNode n) {
        return new BigDecimal(n.asText());
    }

    @Test
    void reports_quality_gap_cost_per_1k_and_where_the_cheap_model_fails() {
        Run r = eval("golden.jsonl", "--candidates", "gpt-4o,gpt-4o-mini", "--format", "json");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.path("prompts").asInt()).isEqualTo(6);
        assertThat(j.path("best").asText()).isEqualTo("gpt-4o");
        assertThat(j.path("judge").isNull()).isTrue();
        JsonNode strong = j.at("/candidates/0");
        JsonNode weak = j.at("/candidates/1");
        assertThat(strong.path("model").asText()).isEqualTo("gpt-4o");
        assertThat(strong.path("calls").asInt()).isEqualTo(6);
        assertThat(strong.path("errors").asInt()).isZero();
        assertThat(decimal(strong.path("quality"))).isEqualByComparingTo("1");
        assertThat(decimal(strong.path("gap"))).isEqualByComparingTo("0");
        // gpt-4o-mini: f1 and f3 right once case, spaces and the final period are folded, m1 right; 3 of 6
        assertThat(decimal(weak.path("quality"))).isEqualByComparingTo("0.5");
        assertThat(decimal(weak.path("gap"))).isEqualByComparingTo("0.5");
        assertThat(weak.path("failures").asInt()).isEqualTo(3);
        assertThat(weak.path("failed_prompts")).extracting(JsonNode::asText).containsExactly("f2", "m2", "m3");

        BigDecimal strongCost = goldenCost("gpt-4o", STRONG, GPT_4O_IN, GPT_4O_OUT);
        BigDecimal weakCost = goldenCost("gpt-4o-mini", WEAK, MINI_IN, MINI_OUT);
        assertThat(decimal(strong.path("cost_usd"))).isEqualByComparingTo(strongCost);
        assertThat(decimal(weak.path("cost_usd"))).isEqualByComparingTo(weakCost);
        assertThat(decimal(strong.path("cost_per_1k_usd"))).isEqualByComparingTo(per1k(strongCost, 6));
        assertThat(decimal(weak.path("cost_per_1k_usd"))).isEqualByComparingTo(per1k(weakCost, 6));
        assertThat(decimal(j.path("eval_cost_usd"))).isEqualByComparingTo(strongCost.add(weakCost));
        assertThat(strong.path("cost_usd").isTextual()).as("money is decimal text").isTrue();

        JsonNode byCategory = weak.path("failures_by_category");
        assertThat(byCategory.fieldNames()).toIterable().containsExactly("math", "facts"); // worst first
        assertThat(byCategory.at("/math/failures").asInt()).isEqualTo(2);
        assertThat(byCategory.at("/math/prompts").asInt()).isEqualTo(3);
        assertThat(decimal(byCategory.at("/math/share"))).isEqualByComparingTo("0.6667");
        assertThat(decimal(byCategory.at("/facts/share"))).isEqualByComparingTo("0.3333");
        JsonNode byTag = weak.path("failures_by_tag");
        assertThat(byTag.fieldNames()).toIterable().containsExactly("arithmetic", "geo", "roots", "literature");
        assertThat(byTag.at("/arithmetic/failures").asInt()).isEqualTo(2);
        assertThat(byTag.at("/roots/failures").asInt()).isEqualTo(1);
        assertThat(decimal(byTag.at("/roots/share"))).isEqualByComparingTo("1");
        assertThat(decimal(byTag.at("/geo/share"))).isEqualByComparingTo("0.5");
        assertThat(byTag.at("/literature/failures").asInt()).isZero();
        assertThat(strong.at("/failures_by_category/math/failures").asInt()).isZero();
    }

    @Test
    void the_eval_spend_is_booked_under_its_own_feature_with_the_costs_the_report_shows() {
        Run r = eval("golden.jsonl", "--candidates", "gpt-4o-mini", "--feature", "tiers-ledger-check", "--format", "json");

        assertThat(r.exit()).as(r.err()).isZero();
        List<JsonNode> rows = bursar.ledgerRows().stream()
                .filter(row -> "tiers-ledger-check".equals(row.path("feature").asText())).toList();
        assertThat(rows).hasSize(6).allSatisfy(row -> {
            assertThat(row.path("served_model").asText()).isEqualTo("gpt-4o-mini");
            assertThat(row.path("cache").asText()).isNotEqualTo("hit");
        });
        BigDecimal booked = rows.stream().map(row -> decimal(row.path("cost_usd"))).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(decimal(r.json().at("/candidates/0/cost_usd"))).isEqualByComparingTo(booked);
    }

    @Test
    void the_judge_grades_answers_without_an_expected_one_and_a_reply_without_a_grade_is_an_error() throws IOException {
        Path answers = dir.resolve("answers.jsonl");
        Run r = eval("judged.jsonl", "--candidates", "gpt-4o,gpt-4o-mini", "--judge", "gpt-4.1", "--format", "json",
                "--answers", answers.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.path("judge").asText()).isEqualTo("gpt-4.1");
        assertThat(j.path("pass_grade").asInt()).isEqualTo(7);
        JsonNode strong = j.at("/candidates/0");
        JsonNode weak = j.at("/candidates/1");
        assertThat(decimal(strong.path("quality"))).isEqualByComparingTo("0.9"); // 9, 9, 9
        // gpt-4o-mini: 7 (a pass) and 4 (a failure); the haiku's judge gave no grade, so it is not scored
        assertThat(decimal(weak.path("quality"))).isEqualByComparingTo("0.55");
        assertThat(decimal(weak.path("gap"))).isEqualByComparingTo("0.35");
        assertThat(weak.path("errors").asInt()).isEqualTo(1);
        assertThat(weak.path("answered").asInt()).isEqualTo(3);
        assertThat(weak.path("failed_prompts")).extracting(JsonNode::asText).containsExactly("j2");
        assertThat(weak.at("/error_prompts/0/id").asText()).isEqualTo("j3");
        assertThat(weak.at("/error_prompts/0/error").asText()).contains("no grade").contains("I cannot decide.");
        assertThat(weak.at("/failures_by_category/explain/failures").asInt()).isEqualTo(1);
        assertThat(weak.at("/failures_by_category/explain/prompts").asInt()).isEqualTo(2);
        assertThat(weak.at("/failures_by_category/creative/prompts").asInt()).isZero();
        assertThat(weak.at("/failures_by_tag/network/failures").asInt()).isEqualTo(1);

        BigDecimal judgeRows = bursar.ledgerRows().stream()
                .filter(row -> "gpt-4.1".equals(row.path("served_model").asText()))
                .map(row -> decimal(row.path("cost_usd"))).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal judgeReported = decimal(strong.path("judge_cost_usd")).add(decimal(weak.path("judge_cost_usd")));
        assertThat(judgeReported).isPositive().isEqualByComparingTo(judgeRows);

        List<JsonNode> lines = Files.readAllLines(answers).stream().map(TiersEvalCommandTest::json).toList();
        assertThat(lines).hasSize(6);
        JsonNode tcp = lines.get(4);
        assertThat(tcp.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(tcp.path("id").asText()).isEqualTo("j2");
        assertThat(tcp.path("answer").asText()).isEqualTo("MINI-TCP");
        assertThat(tcp.path("judge_reply").asText()).startsWith("**Grade:** 4/10");
        assertThat(decimal(tcp.path("score"))).isEqualByComparingTo("0.4");
        assertThat(tcp.path("passed").asBoolean()).isFalse();
        assertThat(tcp.path("tags")).extracting(JsonNode::asText).containsExactly("network");
        assertThat(lines.get(5).path("score").isNull()).isTrue();
        assertThat(lines.get(5).path("error").asText()).contains("no grade");
    }

    static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError(line, e);
        }
    }

    @Test
    void the_table_shows_each_candidate_and_only_the_groups_where_it_fails() {
        Run r = eval("golden.jsonl", "--candidates", "gpt-4o,gpt-4o-mini");

        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("best: gpt-4o"));
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("gpt-4o-mini\\s+6\\s+0\\s+0\\.5000\\s+0\\.5000\\s+3\\s+.*"));
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("gpt-4o\\s+6\\s+0\\s+1\\.0000\\s+0\\.0000\\s+0\\s+.*"));
        assertThat(r.out()).contains("where gpt-4o-mini fails (3 of 6 scored: f2, m2, m3)")
                .doesNotContain("where gpt-4o fails");
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("\\s+category\\s+math\\s+2\\s+3\\s+0\\.6667"));
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("\\s+tag\\s+roots\\s+1\\s+1\\s+1\\.0000"));
        assertThat(lines).noneSatisfy(l -> assertThat(l).contains("literature"));
    }

    @Test
    void csv_has_a_summary_row_per_candidate_and_a_row_per_category_and_tag() {
        Run r = eval("golden.jsonl", "--candidates", "gpt-4o,gpt-4o-mini", "--format", "csv");

        assertThat(r.exit()).as(r.err()).isZero();
        List<String> rows = r.out().lines().toList();
        assertThat(rows.getFirst()).isEqualTo(String.join(",", dev.bursar.tiers.TierReportCsv.COLUMNS));
        String weakSummary = rows.stream().filter(l -> l.startsWith("gpt-4o-mini,summary,")).findFirst().orElseThrow();
        String[] cells = weakSummary.split(",", -1);
        assertThat(cells).hasSize(dev.bursar.tiers.TierReportCsv.COLUMNS.size());
        assertThat(cells[3]).isEqualTo("6");
        assertThat(cells[6]).isEqualTo("0.5");
        assertThat(cells[7]).isEqualTo("0.5");
        assertThat(new BigDecimal(cells[8])).isEqualByComparingTo(goldenCost("gpt-4o-mini", WEAK, MINI_IN, MINI_OUT));
        assertThat(rows).contains("gpt-4o-mini,category,math,,,,,,,,,2,3,0.6667", "gpt-4o-mini,tag,roots,,,,,,,,,1,1,1");
        assertThat(rows).filteredOn(l -> l.contains(",summary,")).hasSize(2);
    }

    @Test
    void bad_golden_lines_are_all_reported_with_their_numbers_and_nothing_is_sent() throws IOException {
        long before = bursar.ledgerCount();
        Path bad = Files.writeString(dir.resolve("bad.jsonl"), """
                {"id": "ok", "prompt": "What is the capital of France?", "expected": "Paris"}
                {"id": "ok", "prompt": "again", "expected": "x"}
                not json
                {"prompt": "x", "messages": [{"role": "user", "content": "y"}], "expected": "z"}
                {"prompt": "x", "expected_regex": "(unclosed"}
                {"prompt": "x", "expcted": "typo"}
                {"prompt": "x", "expected": "y", "max_tokens": 0}
                """);

        Run r = run(Map.of(), "--golden", bad.toString(), "--candidates", "gpt-4o", "--url", bursar.baseUrl());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("bad.jsonl line 2: id 'ok' was already used on line 1")
                .contains("line 3: not valid JSON")
                .contains("line 4: give exactly one of prompt")
                .contains("line 5: expected_regex is not a valid regular expression")
                .contains("line 6: unknown key 'expcted'")
                .contains("line 7: max_tokens must be");
        assertThat(r.out()).isEmpty();
        assertThat(bursar.ledgerCount()).isEqualTo(before);
    }

    @Test
    void prompts_without_an_expected_answer_need_a_judge_before_anything_is_sent() {
        long before = bursar.ledgerCount();

        Run r = eval("judged.jsonl", "--candidates", "gpt-4o");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("3 prompt(s) have no expected").contains("line 1, id j1").contains("--judge");
        assertThat(bursar.ledgerCount()).isEqualTo(before);
    }

    @Test
    void bad_options_are_input_errors() {
        assertThat(eval("golden.jsonl", "--candidates", "gpt-4o,gpt-4o").exit()).isEqualTo(2);
        assertThat(eval("golden.jsonl", "--candidates", "gpt-4o", "--concurrency", "0").exit()).isEqualTo(2);
        assertThat(eval("golden.jsonl", "--candidates", "gpt-4o", "--pass-grade", "11").exit()).isEqualTo(2);
        assertThat(eval("missing.jsonl", "--candidates", "gpt-4o").err()).contains("cannot read");
        assertThat(eval("golden.jsonl", "--candidates", "gpt-4o", "--answers", dir.resolve("no/such/dir/a.jsonl").toString())
                .exit()).isEqualTo(2);
        assertThat(run(Map.of(), "--golden", dir.resolve("golden.jsonl").toString(), "--candidates", "gpt-4o",
                "--url", "ftp://x").exit()).isEqualTo(2);
    }

    @Test
    void an_unreachable_gateway_exits_1_and_the_url_and_key_come_from_the_environment() throws IOException {
        int freePort;
        try (var s = new java.net.ServerSocket(0)) {
            freePort = s.getLocalPort();
        }
        Run gone = run(Map.of("BURSAR_URL", "http://127.0.0.1:" + freePort), "--golden",
                dir.resolve("golden.jsonl").toString(), "--candidates", "gpt-4o");
        assertThat(gone.exit()).isEqualTo(1);
        assertThat(gone.err()).contains("cannot reach the gateway at http://127.0.0.1:" + freePort);

        Map<String, String> env = new HashMap<>(Map.of("BURSAR_URL", bursar.baseUrl(), "BURSAR_API_KEY", "anything-in-open-mode"));
        Run viaEnv = run(env, "--golden", dir.resolve("golden.jsonl").toString(), "--candidates", "gpt-4o", "--format", "json");
        assertThat(viaEnv.exit()).as(viaEnv.err()).isZero();
        assertThat(decimal(viaEnv.json().at("/candidates/0/quality"))).isEqualByComparingTo("1");
    }

    @Test
    void a_gateway_that_refuses_the_key_stops_the_run_with_exit_1_and_a_known_key_is_used() {
        try (RunningBursar guarded = RunningBursar.start("""
                providers: [ { name: sim, type: sim, sim: { script: "${SCRIPT}" } } ]
                keys: [ { key: eval-key, customer: evals } ]
                """, Map.of("SCRIPT", dir.resolve("script.jsonl").toString()))) {
            String golden = dir.resolve("golden.jsonl").toString();

            Run refused = run(Map.of("BURSAR_API_KEY", "wrong-key"), "--golden", golden, "--candidates", "gpt-4o",
                    "--url", guarded.baseUrl());
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).contains("refused the key (401)");
            assertThat(refused.out()).isEmpty();

            Run ok = run(Map.of("BURSAR_API_KEY", "wrong-key"), "--golden", golden, "--candidates", "gpt-4o",
                    "--url", guarded.baseUrl(), "--key", "eval-key", "--format", "json");
            assertThat(ok.exit()).as(ok.err()).isZero();
            assertThat(guarded.ledgerRows()).hasSize(6).allSatisfy(row -> {
                assertThat(row.path("customer").asText()).isEqualTo("evals");
                assertThat(row.path("feature").asText()).isEqualTo("tiers-eval");
            });
        }
    }

    @Test
    void a_model_the_gateway_does_not_serve_is_reported_as_errors_not_as_quality() {
        Run r = eval("golden.jsonl", "--candidates", "gpt-4o,no-such-model", "--format", "json");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode missing = r.json().at("/candidates/1");
        assertThat(missing.path("errors").asInt()).isEqualTo(6);
        assertThat(missing.path("answered").asInt()).isZero();
        assertThat(missing.path("quality").isNull()).isTrue();
        assertThat(missing.path("cost_per_1k_usd").isNull()).isTrue();
        assertThat(missing.at("/error_prompts/0/error").asText()).startsWith("4");
        assertThat(r.json().path("best").asText()).isEqualTo("gpt-4o");
    }
}
