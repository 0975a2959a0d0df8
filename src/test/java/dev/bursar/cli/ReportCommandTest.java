package dev.bursar.cli;

import static dev.bursar.ledger.AttemptStatus.ERROR;
import static dev.bursar.ledger.AttemptStatus.OK;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReportCommandTest {

    @TempDir
    Path dir;
    Path db;
    Path config;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final Clock march = Clock.fixed(Instant.parse("2026-03-15T12:00:00Z"), ZoneOffset.UTC);

    @BeforeEach
    void writeConfig() throws Exception {
        db = dir.resolve("bursar-data/bursar.db");
        config = dir.resolve("bursar.yaml");
        Files.writeString(config, "storage:\n  sqlite: " + db + "\n");
    }

    private void fixture() {
        try (Stores s = Stores.open(new StorageConfig(db.toString(), null, null))) {
            s.ledger().append(event("1", "2026-03-02T10:00:00Z", "acme", "chat", OK, "0.0000375"));
            s.ledger().append(event("2", "2026-03-03T11:30:00Z", "acme", "chat", ERROR, "0.01"));
            s.ledger().append(event("3", "2026-03-04T09:15:00Z", "globex", "search", OK, "1.5"));
            s.ledger().append(event("4", "2026-03-05T09:15:00Z", null, "search", OK, "0.25"));
            s.ledger().append(event("old", "2026-02-20T09:15:00Z", "acme", "chat", OK, "100"));
        }
    }

    private static UsageEvent event(String id, String time, String customer, String feature, AttemptStatus status,
                                    String cost) {
        return new UsageEvent(id, "r" + id, Instant.parse(time), new Attribution("key_1", customer, null, null, feature, null, null),
                new UsageEvent.Models("gpt-4o", "gpt-4o", "gpt-4o", "openai", "direct"),
                new UsageEvent.Call(Endpoint.CHAT, false, false, 1, "none", null),
                Usage.of(1000, 200),
                new UsageEvent.Charge(new BigDecimal(cost), BigDecimal.ZERO, "p1", false, null),
                new UsageEvent.Outcome(200, status, null, 10, -1));
    }

    private int run(String... args) {
        CommandLine cl = new CommandLine(new ReportCommand(Map.of(), march));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void tablePrintsOneLinePerGroupSortedByCostAndATotalForTheCurrentMonth() {
        fixture();

        int code = run("--config", config.toString(), "--group-by", "customer");

        assertThat(code).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0).split(" +")).containsExactly("customer", "requests", "attempts", "failed", "cost_usd",
                "failed_usd", "saved_usd", "input", "cached", "cache_write", "output");
        // money is exact, at least to the cent, never rounded
        assertThat(lines.get(1)).startsWith("globex").contains(" 1.50 ");
        assertThat(lines.get(2)).startsWith("(unattributed)").contains(" 0.25 ");
        assertThat(lines.get(3)).startsWith("acme").contains(" 0.0100375 ", " 0.01 ");
        assertThat(lines.get(4)).matches("-+");
        assertThat(lines.get(5)).startsWith("TOTAL").contains("1.7600375").doesNotContain("100.");
        assertThat(lines.get(6)).startsWith("requests: client requests answered");
        assertThat(String.join("\n", lines.subList(6, lines.size()))).contains("attempts: calls to a provider, failed ones included");
    }

    @Test
    void theTableIsNarrowAndItsMoneyColumnsLineUpOnTheDecimalPoint() {
        fixture();

        run("--config", config.toString(), "--group-by", "customer");

        List<String> lines = out.toString().lines().toList();
        List<String> table = lines.subList(0, 6);
        assertThat(table).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(120));
        int costEnd = lines.get(0).indexOf("cost_usd") + "cost_usd".length();
        List<String> dataLines = List.of(lines.get(1), lines.get(2), lines.get(3), lines.get(5));
        // the cost column: every amount's point sits in the same place
        List<Integer> points = dataLines.stream().map(l -> pointBefore(l, costEnd)).distinct().toList();
        assertThat(points).hasSize(1);
    }

    /** Position of the last '.' of the cell that ends at or before {@code end} (the column's right edge). */
    private static int pointBefore(String line, int end) {
        String upToEdge = line.substring(0, end);
        int cellStart = upToEdge.stripTrailing().lastIndexOf(' ') + 1;
        return line.indexOf('.', cellStart);
    }

    @Test
    void csvNeutralisesFormulaTagsButNotItsNumbers() {
        try (Stores s = Stores.open(new StorageConfig(db.toString(), null, null))) {
            s.ledger().append(event("f1", "2026-03-02T10:00:00Z", "=HYPERLINK(\"http://evil.example\",\"x\")", "-2+3", OK, "0.5"));
            s.ledger().append(event("f2", "2026-03-02T11:00:00Z", "@SUM(1)", "+SUM(1,2)", OK, "0.25"));
        }

        int code = run("--config", config.toString(), "--format", "csv", "--group-by", "customer,feature");

        assertThat(code).isZero();
        assertThat(out.toString().lines().toList()).containsExactly(
                "customer,feature,requests,attempts,failed_attempts,failed_cost_usd,cost_usd,input_tokens,cached_input_tokens,"
                        + "cache_write_5m_tokens,cache_write_1h_tokens,output_tokens,reasoning_tokens,saved_usd",
                "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",\"'-2+3\",1,1,0,0,0.5,1000,0,0,0,200,0,0",
                "\"'@SUM(1)\",\"'+SUM(1,2)\",1,1,0,0,0.25,1000,0,0,0,200,0,0");
    }

    @Test
    void jsonHasExactMoneyAsStringsAndATotal() throws Exception {
        fixture();

        int code = run("--config", config.toString(), "--group-by", "customer,feature", "--format", "json",
                "--from", "2026-03-01", "--to", "2026-03-31");

        assertThat(code).isZero();
        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertThat(root.get("from").asText()).isEqualTo("2026-03-01T00:00:00Z");
        assertThat(root.get("to").asText()).isEqualTo("2026-04-01T00:00:00Z");
        JsonNode acme = root.get("rows").get(2);
        assertThat(acme.get("customer").asText()).isEqualTo("acme");
        assertThat(acme.get("feature").asText()).isEqualTo("chat");
        assertThat(acme.get("cost_usd").asText()).isEqualTo("0.0100375");
        assertThat(acme.get("failed_cost_usd").asText()).isEqualTo("0.01");
        assertThat(acme.get("requests").asLong()).isEqualTo(1);
        assertThat(acme.get("attempts").asLong()).isEqualTo(2);
        assertThat(acme.get("failed_attempts").asLong()).isEqualTo(1);
        assertThat(acme.get("input_tokens").asLong()).isEqualTo(2000);
        assertThat(root.get("total").get("cost_usd").asText()).isEqualTo("1.7600375");
    }

    @Test
    void instantsNarrowTheRange() {
        fixture();

        run("--config", config.toString(), "--format", "csv", "--group-by", "customer",
                "--from", "2026-03-04T00:00:00Z", "--to", "2026-03-05T00:00:00Z");

        assertThat(out.toString().lines().toList()).containsExactly(
                "customer,requests,attempts,failed_attempts,failed_cost_usd,cost_usd,input_tokens,cached_input_tokens,"
                        + "cache_write_5m_tokens,cache_write_1h_tokens,output_tokens,reasoning_tokens,saved_usd",
                "globex,1,1,0,0,1.5,1000,0,0,0,200,0,0");
    }

    @Test
    void aMissingLedgerSaysToRunServeFirst() {
        int code = run("--config", config.toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("no ledger at " + db.toAbsolutePath()).contains("run `bursar serve` first");
        assertThat(db).doesNotExist();
    }

    @Test
    void anUnknownDimensionListsTheValidOnes() {
        fixture();

        int code = run("--config", config.toString(), "--group-by", "planet");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("unknown group_by dimension 'planet'").contains("customer");
    }
}
