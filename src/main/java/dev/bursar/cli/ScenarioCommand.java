package dev.bursar.cli;

import dev.bursar.Stores;
import dev.bursar.books.BreakEven;
import dev.bursar.books.MarginRow;
import dev.bursar.books.Scenario;
import dev.bursar.books.ScenarioFile;
import dev.bursar.books.ScenarioReport;
import dev.bursar.config.BursarConfig;
import dev.bursar.config.ConfigException;
import dev.bursar.config.ConfigLoader;
import dev.bursar.csv.CsvWriter;
import dev.bursar.storage.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bursar scenario}: a past month's books recomputed under pricing, model and usage changes. */
@Command(name = "scenario", mixinStandardHelpOptions = true,
        description = "Recompute a month's margins under changes (plan prices, model switch, price change, growth, cache):"
                + " before/after per customer, who turns unprofitable, break-even price per plan.")
public final class ScenarioCommand implements Callable<Integer> {

    enum Format { table, json, csv }

    @Option(names = "--config", paramLabel = "FILE", description = "bursar.yaml (default: $BURSAR_CONFIG, then ./bursar.yaml)")
    String config;

    @Option(names = "--file", required = true, paramLabel = "SCENARIO.yaml") Path file;

    @Option(names = "--month", paramLabel = "YYYY-MM", description = "the month to recompute (default: the file's month)")
    String month;

    @Option(names = "--format", defaultValue = "table", description = "table, json or csv (default: ${DEFAULT-VALUE})")
    Format format;

    @Mixin
    PriceFiles prices;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    public ScenarioCommand() {
        this(System.getenv());
    }

    ScenarioCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        try {
            ScenarioFile scenario = ScenarioFile.parse(Files.readString(file), file.toString());
            YearMonth m = month(month != null ? month : scenario.month());
            BursarConfig cfg = ConfigLoader.resolve(config, env);
            if (LedgerFile.missing("bursar scenario", cfg.storage(), err)) {
                return 1;
            }
            ScenarioReport report;
            try (Stores s = Stores.open(cfg.storage())) {
                report = new Scenario(prices.catalog()).run(BooksAccess.open(cfg, s), scenario, m);
            }
            out.print(switch (format) {
                case table -> table(report);
                case json -> report.json();
                case csv -> csv(report);
            });
            out.flush();
            return 0;
        } catch (IOException e) {
            err.println("bursar scenario: cannot read " + file + ": " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException | ConfigException | StorageException e) {
            err.println("bursar scenario: " + e.getMessage());
            return 1;
        }
    }

    private static YearMonth month(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("say which month to recompute: 'month: YYYY-MM' in the file, or --month");
        }
        try {
            return YearMonth.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("month must be YYYY-MM, got '" + text + "'");
        }
    }

    static String table(ScenarioReport r) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(List.of("customer", "plan", "revenue_before", "revenue_after", "cost_before", "cost_after",
                "margin_before", "margin_after", "margin_pct_before", "margin_pct_after", "note"));
        for (ScenarioReport.Change c : r.customers()) {
            lines.add(line(c.customer(), CostsCommand.dash(c.plan()), c.before(), c.after(),
                    c.turnsUnprofitable() ? "turns unprofitable" : c.crossesTarget().map(x -> x + " target").orElse("")));
        }
        lines.add(line("TOTAL", "", Optional.of(r.totalBefore()), Optional.of(r.totalAfter()), ""));
        StringBuilder sb = new StringBuilder(Columns.render(lines, 2, true));
        sb.append("turned unprofitable: ").append(r.turnedUnprofitable().isEmpty() ? "none" : String.join(", ", r.turnedUnprofitable()))
                .append("\nfell below target: ").append(r.fellBelowTarget().isEmpty() ? "none" : String.join(", ", r.fellBelowTarget()))
                .append("\n\n");
        List<List<String>> plans = new ArrayList<>();
        plans.add(List.of("plan", "customers", "monthly_usd", "break_even_monthly_usd", "target_monthly_usd"));
        for (BreakEven e : r.breakEven()) {
            plans.add(List.of(e.plan(), Long.toString(e.customers()), ReportTable.exactUsd(e.monthlyUsd()),
                    e.breakEvenMonthlyUsd().toPlainString(), e.targetMonthlyUsd() == null ? "-" : e.targetMonthlyUsd().toPlainString()));
        }
        sb.append(Columns.render(plans, 1, false));
        return sb.toString();
    }

    private static List<String> line(String customer, String plan, Optional<MarginRow> b, Optional<MarginRow> a, String note) {
        return List.of(customer, plan, usd(b.map(MarginRow::revenueUsd)), usd(a.map(MarginRow::revenueUsd)),
                usd(b.map(MarginRow::costToServeUsd)), usd(a.map(MarginRow::costToServeUsd)),
                usd(b.map(MarginRow::marginUsd)), usd(a.map(MarginRow::marginUsd)),
                pct(b), pct(a), note);
    }

    private static String usd(Optional<java.math.BigDecimal> v) {
        return v.map(ReportTable::exactUsd).orElse("-");
    }

    private static String pct(Optional<MarginRow> r) {
        return r.flatMap(MarginRow::marginPct).map(p -> p.toPlainString() + "%").orElse("-");
    }

    static String csv(ScenarioReport r) {
        StringBuilder sb = new StringBuilder();
        CsvWriter csv = new CsvWriter(sb);
        csv.row(List.of("customer", "plan", "revenue_before_usd", "revenue_after_usd", "cost_to_serve_before_usd",
                "cost_to_serve_after_usd", "margin_before_usd", "margin_after_usd", "margin_pct_before", "margin_pct_after",
                "turns_unprofitable", "crosses_target"));
        for (ScenarioReport.Change c : r.customers()) {
            List<Object> line = new ArrayList<>(List.of(c.customer()));
            line.add(c.plan());
            line.add(c.before().map(MarginRow::revenueUsd).orElse(null));
            line.add(c.after().map(MarginRow::revenueUsd).orElse(null));
            line.add(c.before().map(MarginRow::costToServeUsd).orElse(null));
            line.add(c.after().map(MarginRow::costToServeUsd).orElse(null));
            line.add(c.before().map(MarginRow::marginUsd).orElse(null));
            line.add(c.after().map(MarginRow::marginUsd).orElse(null));
            line.add(c.before().flatMap(MarginRow::marginPct).orElse(null));
            line.add(c.after().flatMap(MarginRow::marginPct).orElse(null));
            line.add(c.turnsUnprofitable());
            line.add(c.crossesTarget().orElse(null));
            csv.row(line);
        }
        return sb.toString();
    }
}
