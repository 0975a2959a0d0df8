package dev.bursar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bursar.Stores;
import dev.bursar.attribution.Attribution;
import dev.bursar.config.StorageConfig;
import dev.bursar.focus.FocusColumns;
import dev.bursar.focus.FocusValidator;
import dev.bursar.ledger.AttemptStatus;
import dev.bursar.ledger.Endpoint;
import dev.bursar.ledger.UsageEvent;
import dev.bursar.pricing.Money;
import dev.bursar.pricing.Usage;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bursar export}, above all {@code --format focus} on a month of generated traffic. */
class ExportCommandTest {

    @TempDir
    Path dir;
    Path db;
    Path config;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    final Clock december = Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC);
    int november;
    int inDecember;

    @BeforeEach
    void aMonthOfTraffic() throws Exception {
        db = dir.resolve("bursar.db");
        config = dir.resolve("bursar.yaml");
        Files.writeString(config, "storage:\n  sqlite: " + db + "\n");
        Random r = new Random(12);
        String[] customers = {"acme", "globex", "=HYPERLINK(\"x\")", null};
        String[] features = {"chat", "search, beta", null};
        String[][] models = {{"gpt-4o", "openai"}, {"gpt-4o-mini", "openai"}, {"claude-sonnet-4-20250514", "anthropic"}};
        AttemptStatus[] statuses = {AttemptStatus.OK, AttemptStatus.OK, AttemptStatus.OK, AttemptStatus.ERROR};
        try (Stores s = Stores.open(new StorageConfig(db.toString(), null, null))) {
            Instant start = Instant.parse("2026-10-31T22:00:00Z"); // two hours of October, a few of December
            for (int i = 0; i < 600; i++) {
                Instant t = start.plusSeconds(r.nextLong(30L * 86_400 + 5 * 3_600)).plusNanos(r.nextInt(1_000_000) * 1_000L);
                String[] m = models[r.nextInt(models.length)];
                boolean hit = r.nextInt(6) == 0;
                long in = r.nextInt(20_000);
                long cached = in / (1 + r.nextInt(4));
                Usage usage = new Usage(in, cached, 0, 0, r.nextInt(3_000), 0);
                BigDecimal cost = hit ? Money.ZERO : BigDecimal.valueOf(r.nextLong(90_000_000_000L), Money.SCALE);
                s.ledger().append(new UsageEvent("e" + i, "r" + i, t,
                        new Attribution("key_" + r.nextInt(3), customers[r.nextInt(4)], null, "core",
                                features[r.nextInt(3)], "production", "v" + r.nextInt(2)),
                        new UsageEvent.Models(m[0], m[0], m[0], hit ? null : m[1], "direct"),
                        new UsageEvent.Call(Endpoint.CHAT, false, false, 1, hit ? "hit_exact" : "miss", null),
                        usage, new UsageEvent.Charge(cost, hit ? new BigDecimal("0.01") : Money.ZERO, "p1", false, null),
                        new UsageEvent.Outcome(200, hit ? AttemptStatus.OK : statuses[r.nextInt(4)], null, 10, -1)));
                if (t.isAfter(Instant.parse("2026-11-01T00:00:00Z")) && t.isBefore(Instant.parse("2026-12-01T00:00:00Z"))) {
                    november++;
                }
                if (!t.isBefore(Instant.parse("2026-12-01T00:00:00Z"))) {
                    inDecember++;
                }
            }
        }
    }

    private int run(Object command, String... args) {
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private int export(String... args) {
        return run(new ExportCommand(Map.of(), december, stdout), args);
    }

    @Test
    void theFocusCsvOfAMonthPassesTheColumnChecksAndItsBilledCostIsTheReportsTotalToTheLastDigit() throws Exception {
        Path csv = dir.resolve("focus.csv");

        int code = export("--config", config.toString(), "--format", "focus", "--month", "2026-11", "--out", csv.toString());

        assertThat(code).as(err.toString()).isZero();
        FocusValidator.Result focus = FocusValidator.validate(Files.readString(csv));
        assertThat(focus.violations()).isEmpty();
        assertThat(focus.rows()).isEqualTo(november).isGreaterThan(500);

        assertThat(run(new ReportCommand(Map.of(), december), "--config", config.toString(), "--from", "2026-11-01",
                "--to", "2026-11-30", "--format", "json")).isZero();
        String total = new ObjectMapper().readTree(out.toString()).get("total").get("cost_usd").asText();
        assertThat(Money.plain(focus.billedCost())).isEqualTo(total);
        assertThat(total).matches("\\d+\\.\\d{9,12}"); // picodollar detail survives, nothing was rounded
    }

    @Test
    void theFocusHeaderHasTheMandatoryColumnsThenTheXColumnsAndTagsStayText() throws Exception {
        export("--ledger", db.toString(), "--format", "focus", "--from", "2026-11-01", "--to", "2026-11-02");

        String text = stdout.toString(StandardCharsets.UTF_8);
        List<String> header = List.of(text.lines().findFirst().orElseThrow().split(","));
        assertThat(header.subList(0, 21)).containsExactlyElementsOf(FocusColumns.MANDATORY);
        assertThat(header).endsWith("x_SavedCost", "x_CostItem", "x_CostCategory", "x_CostLabel", "x_CostAllocation",
                "x_CostSource").contains("x_Customer", "x_Feature", "x_PromptVersion", "x_KeyId");
        assertThat(text).contains("\"'=HYPERLINK(\"\"x\"\")\"").contains(",Usage,").contains(",Tokens,");
        assertThat(FocusValidator.validate(text).valid()).isTrue();
    }

    @Test
    void anEmptyRangeIsAHeaderOnlyAndStillValid() {
        export("--ledger", db.toString(), "--format", "focus", "--month", "2026-06");

        String text = stdout.toString(StandardCharsets.UTF_8);
        assertThat(text.lines()).hasSize(1);
        assertThat(FocusValidator.validate(text).rows()).isZero();
    }

    @Test
    void theDefaultFormatIsTheLedgersJsonlForTheCurrentMonth() {
        assertThat(export("--ledger", db.toString())).isZero();

        assertThat(stdout.toString(StandardCharsets.UTF_8).lines()).hasSize(inDecember).isNotEmpty()
                .allSatisfy(l -> assertThat(l).startsWith("{\"event_id\":"));
    }

    @Test
    void aMonthWithFromOrToIsRefused() {
        assertThat(export("--ledger", db.toString(), "--month", "2026-11", "--from", "2026-11-02")).isEqualTo(1);
        assertThat(err.toString()).contains("--month and --from/--to exclude each other");
    }

    /** The same storage with cost items in the books: one in bursar.yaml, one stored as the admin API would. */
    private Path withCostItems() throws Exception {
        Path withCosts = dir.resolve("with-costs.yaml");
        Files.writeString(withCosts, "storage:\n  sqlite: " + db + "\n" + """
                costs:
                  - { name: aws, category: infrastructure, label: AWS, monthly-usd: 300.00, allocate: by-spend }
                  - { name: audit, category: other, once-usd: 40.5, from: 2026-11 }
                  - { name: later, category: monitoring, monthly-usd: 99, from: 2027-01 }
                """);
        try (Stores s = Stores.open(new StorageConfig(db.toString(), null, null))) {
            new dev.bursar.books.Books(s.database(), s.ledger(), List.of(), List.of(), List.of(), december)
                    .putCost(new dev.bursar.config.CostConfig("grafana", "monitoring", "Grafana Cloud",
                            new BigDecimal("49.99"), null, null, null, null));
        }
        return withCosts;
    }

    private FocusValidator.Result focus(String configFile, String... range) throws Exception {
        Path csv = dir.resolve("focus-" + System.nanoTime() + ".csv");
        List<String> args = new java.util.ArrayList<>(List.of("--config", configFile, "--format", "focus", "--out", csv.toString()));
        args.addAll(List.of(range));
        assertThat(export(args.toArray(String[]::new))).as(err.toString()).isZero();
        return FocusValidator.validate(Files.readString(csv));
    }

    @Test
    void theFocusExportIsTheLedgerAndTheBooksCostItemsAndItsTotalIsBoth() throws Exception {
        FocusValidator.Result ledgerOnly = focus(config.toString(), "--month", "2026-11");
        Path withCosts = withCostItems();

        FocusValidator.Result whole = focus(withCosts.toString(), "--month", "2026-11");

        assertThat(whole.violations()).isEmpty();
        assertThat(whole.rows()).isEqualTo(november + 3); // aws, audit (booked in November), grafana; not "later"
        assertThat(whole.billedCost()).isEqualByComparingTo(ledgerOnly.billedCost().add(new BigDecimal("390.49")));
        List<List<String>> rows = Files.readAllLines(dir.resolve(Files.list(dir).filter(p -> p.getFileName().toString()
                .startsWith("focus-")).sorted().toList().getLast().getFileName())).stream()
                .filter(l -> l.contains("bursar-books")).map(l -> List.of(l.split(",", -1))).toList();
        List<String> header = FocusColumns.all();
        assertThat(rows).hasSize(3);
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.get(header.indexOf("x_CostItem"))).isEqualTo("aws");
            assertThat(r.get(header.indexOf("ChargeCategory"))).isEqualTo("Usage");
            assertThat(r.get(header.indexOf("ChargeFrequency"))).isEqualTo("Recurring");
            assertThat(r.get(header.indexOf("ServiceCategory"))).isEqualTo("Compute");
            assertThat(r.get(header.indexOf("ProviderName"))).isEqualTo("AWS");
            assertThat(r.get(header.indexOf("x_CostAllocation"))).isEqualTo("by-spend");
            assertThat(r.get(header.indexOf("x_CostSource"))).isEqualTo("yaml");
            assertThat(r.get(header.indexOf("ChargePeriodStart"))).isEqualTo("2026-11-01T00:00:00Z");
        });
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.get(header.indexOf("x_CostItem"))).isEqualTo("audit");
            assertThat(r.get(header.indexOf("ChargeCategory"))).isEqualTo("Purchase");
            assertThat(new BigDecimal(r.get(header.indexOf("BilledCost")))).isEqualByComparingTo("40.5");
        });
        assertThat(rows).anySatisfy(r -> assertThat(r.get(header.indexOf("x_CostSource"))).isEqualTo("api"));
    }

    @Test
    void aPartOfAMonthCarriesItsShareOfTheMonthlyItems() throws Exception {
        FocusValidator.Result ledgerOnly = focus(config.toString(), "--from", "2026-11-01", "--to", "2026-11-15");
        Path withCosts = withCostItems();

        FocusValidator.Result half = focus(withCosts.toString(), "--from", "2026-11-01", "--to", "2026-11-15");

        assertThat(half.violations()).isEmpty();
        // 15 of November's 30 days: half of every amount of the month, as the margin report counts them:
        // $150 + $24.995 + half the one-off $40.50 booked in November
        assertThat(half.billedCost().subtract(ledgerOnly.billedCost())).isEqualByComparingTo("195.245");
    }
}
