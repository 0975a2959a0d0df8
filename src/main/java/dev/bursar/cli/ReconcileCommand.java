package dev.bursar.cli;

import dev.bursar.Stores;
import dev.bursar.config.ConfigException;
import dev.bursar.config.ConfigLoader;
import dev.bursar.config.StorageConfig;
import dev.bursar.ledger.SpendQuery;
import dev.bursar.ledger.SpendRow;
import dev.bursar.ledger.TimeRange;
import dev.bursar.reconcile.ModelNames;
import dev.bursar.reconcile.ProviderReport;
import dev.bursar.reconcile.ProviderReports;
import dev.bursar.reconcile.ReconcileFormatter;
import dev.bursar.reconcile.ReconcileRow;
import dev.bursar.reconcile.Reconciler;
import dev.bursar.reconcile.ReconcileStore;
import dev.bursar.reconcile.StoredReconciliation;
import dev.bursar.reconcile.Source;
import dev.bursar.reconcile.Tolerance;
import dev.bursar.reconcile.Verdict;
import dev.bursar.storage.StorageException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bursar reconcile}: the ledger against a provider's own usage or cost report, per day and model. */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = {"Compares the ledger with a provider's own organization usage or cost report (the saved API"
                + " response: one page, a JSON array of pages, or JSONL pages), per day and model.",
                "Exit codes: 0 every row within tolerance, 3 a row beyond it, 1 an error."})
public final class ReconcileCommand implements Callable<Integer> {

    enum Format { table, json, csv }

    static final int BEYOND_TOLERANCE = 3;

    @Option(names = "--openai-costs", paramLabel = "FILE", description = "GET /v1/organization/costs (group_by line_item)")
    Path openAiCosts;

    @Option(names = "--openai-usage", paramLabel = "FILE",
            description = "GET /v1/organization/usage/completions (bucket_width 1d, group_by model)")
    Path openAiUsage;

    @Option(names = "--anthropic-cost", paramLabel = "FILE",
            description = "GET /v1/organizations/cost_report (group_by description; amounts in cents)")
    Path anthropicCost;

    @Option(names = "--anthropic-usage", paramLabel = "FILE",
            description = "GET /v1/organizations/usage_report/messages (bucket_width 1d, group_by model)")
    Path anthropicUsage;

    @Option(names = "--pull", paramLabel = "REPORT",
            description = "fetch the report instead of reading a file: openai-costs, openai-usage, anthropic-cost or"
                    + " anthropic-usage, with $OPENAI_ADMIN_KEY or $ANTHROPIC_ADMIN_KEY (default range: yesterday, UTC)")
    String pull;

    @Option(names = "--stored", description = "compare the provider numbers the running gateway pulled and stored"
            + " (reconcile: in bursar.yaml) instead of a file; every stored report (default range: this month, UTC)")
    boolean stored;

    @Option(names = "--base-url", paramLabel = "URL",
            description = "the provider's API root for --pull (default: https://api.openai.com or https://api.anthropic.com)")
    String baseUrl;

    @Option(names = "--config", paramLabel = "FILE", description = "bursar.yaml (default: $BURSAR_CONFIG, then ./bursar.yaml)")
    String config;

    @Option(names = "--ledger", paramLabel = "FILE", description = "a SQLite ledger file, instead of the config's storage")
    Path ledgerFile;

    @Option(names = "--month", paramLabel = "YYYY-MM", description = "a calendar month, UTC")
    String month;

    @Option(names = "--from", paramLabel = "DATE|INSTANT", description = "start, inclusive (default: the report's first bucket)")
    String from;

    @Option(names = "--to", paramLabel = "DATE|INSTANT",
            description = "end: a date includes that whole day, an instant is exclusive (default: the report's last bucket)")
    String to;

    @Option(names = "--tolerance-pct", paramLabel = "P",
            description = "percent of the provider's number a difference may reach (default: 1; with --stored, the"
                    + " config's reconcile.percent)")
    BigDecimal tolerancePct;

    @Option(names = "--tolerance-usd", paramLabel = "D",
            description = "dollars a cost difference may reach whatever its percent (default: 0.01; with --stored, the"
                    + " config's reconcile.min-usd)")
    BigDecimal toleranceUsd;

    @Option(names = "--format", defaultValue = "table", description = "table, json or csv (default: ${DEFAULT-VALUE})")
    Format format;

    @Mixin
    PriceFiles prices = new PriceFiles();

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final Clock clock;

    public ReconcileCommand() {
        this(System.getenv(), Clock.systemUTC());
    }

    ReconcileCommand(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        try {
            ModelNames names = new ModelNames(prices.catalog());
            if (stored) {
                return stored(names, out, err);
            }
            Loaded loaded = pull != null ? pulled(names) : fromFile(names);
            Source source = loaded.report().source();
            TimeRange range = loaded.range();
            StorageConfig storage = ledgerFile != null ? new StorageConfig(ledgerFile.toString(), null, null)
                    : ConfigLoader.resolve(config, env).storage();
            if (LedgerFile.missing("bursar reconcile", storage, err)) {
                return 1;
            }
            List<SpendRow> ledger;
            try (Stores s = Stores.open(storage)) {
                ledger = s.ledger().spend(new SpendQuery(Reconciler.LEDGER_GROUPS, range.from(), range.to()));
            }
            Tolerance tolerance = new Tolerance(tolerancePct != null ? tolerancePct : Tolerance.DEFAULT.pct(),
                    toleranceUsd != null ? toleranceUsd : Tolerance.DEFAULT.usd());
            List<ReconcileRow> rows = new Reconciler(names, tolerance).compare(loaded.report(), ledger, range.from(),
                    range.to());
            out.print(switch (format) {
                case table -> ReconcileFormatter.table(source, rows);
                case json -> ReconcileFormatter.json(source, range.from(), range.to(), rows);
                case csv -> ReconcileFormatter.csv(rows);
            });
            out.flush();
            return rows.stream().allMatch(r -> r.verdict() == Verdict.OK) ? 0 : BEYOND_TOLERANCE;
        } catch (IOException e) {
            err.println("bursar reconcile: " + (pull != null ? "cannot pull the report: " : "cannot read ") + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("bursar reconcile: interrupted");
            return 1;
        } catch (IllegalArgumentException | ConfigException | StorageException e) {
            err.println("bursar reconcile: " + e.getMessage());
            return 1;
        }
    }

    /** {@code --stored}: every report the gateway stored for the range, against the ledger. */
    private int stored(ModelNames names, java.io.PrintWriter out, java.io.PrintWriter err) {
        if (pull != null || openAiCosts != null || openAiUsage != null || anthropicCost != null || anthropicUsage != null) {
            throw new IllegalArgumentException("--stored reads the stored reports; give no report file or --pull with it");
        }
        TimeRange range = explicitRange().orElseGet(() -> TimeRange.parse(null, null, clock, "--from", "--to"));
        // The same tolerance as GET /admin/reconcile and the gateway's verdicts unless the options say otherwise.
        var cfg = ledgerFile != null && config == null ? dev.bursar.config.BursarConfig.defaults()
                : ConfigLoader.resolve(config, env);
        StorageConfig storage = ledgerFile != null ? new StorageConfig(ledgerFile.toString(), null, null) : cfg.storage();
        if (LedgerFile.missing("bursar reconcile", storage, err)) {
            return 1;
        }
        Tolerance tolerance = new Tolerance(tolerancePct != null ? tolerancePct : cfg.reconcile().percent(),
                toleranceUsd != null ? toleranceUsd : cfg.reconcile().minUsd());
        StoredReconciliation.Comparison c;
        try (Stores s = Stores.open(storage)) {
            c = new StoredReconciliation(new ReconcileStore(s.database()), s.ledger(), names, tolerance)
                    .compare(range.from(), range.to());
        }
        out.print(switch (format) {
            case table -> StoredReconciliation.table(c);
            case json -> StoredReconciliation.json(c);
            case csv -> StoredReconciliation.csv(c);
        });
        out.flush();
        return c.allWithinTolerance() ? 0 : BEYOND_TOLERANCE;
    }

    /** The provider's report and the range to compare. */
    private record Loaded(ProviderReport report, TimeRange range) {
    }

    private Loaded pulled(ModelNames names) throws IOException, InterruptedException {
        if (openAiCosts != null || openAiUsage != null || anthropicCost != null || anthropicUsage != null) {
            throw new IllegalArgumentException("--pull fetches the report; give no report file with it");
        }
        Source source = Source.named(pull);
        TimeRange range = explicitRange().orElseGet(this::yesterday);
        String pages = puller(source).pull(source, range.from(), range.to());
        return new Loaded(ProviderReports.read(source, pages, "the pulled " + pull + " report", names), range);
    }

    private Loaded fromFile(ModelNames names) throws IOException {
        Map.Entry<Source, Path> input = input();
        Path file = input.getValue();
        ProviderReport report = ProviderReports.read(input.getKey(), Files.readString(file), file.toString(), names);
        return new Loaded(report, explicitRange().orElseGet(() -> reportSpan(report)));
    }

    /** Exactly one report per run: the verdicts of a cost and a usage report answer different questions. */
    private Map.Entry<Source, Path> input() {
        Map<Source, Path> given = new LinkedHashMap<>();
        if (openAiCosts != null) {
            given.put(Source.OPENAI_COSTS, openAiCosts);
        }
        if (openAiUsage != null) {
            given.put(Source.OPENAI_USAGE, openAiUsage);
        }
        if (anthropicCost != null) {
            given.put(Source.ANTHROPIC_COST, anthropicCost);
        }
        if (anthropicUsage != null) {
            given.put(Source.ANTHROPIC_USAGE, anthropicUsage);
        }
        if (given.size() != 1) {
            throw new IllegalArgumentException("give exactly one of --openai-costs, --openai-usage, --anthropic-cost,"
                    + " --anthropic-usage, --pull (got " + given.size() + ")");
        }
        return given.entrySet().iterator().next();
    }

    private java.util.Optional<TimeRange> explicitRange() {
        if (month != null) {
            if (from != null || to != null) {
                throw new IllegalArgumentException("--month and --from/--to exclude each other");
            }
            return java.util.Optional.of(MonthRange.parse(month));
        }
        if (from != null || to != null) {
            return java.util.Optional.of(TimeRange.parse(from, to, clock, "--from", "--to"));
        }
        return java.util.Optional.empty();
    }

    /** What a daily pull compares: the whole of yesterday, UTC, which the providers have finished reporting. */
    private TimeRange yesterday() {
        java.time.LocalDate today = java.time.LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC));
        return new TimeRange(today.minusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant(),
                today.atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
    }

    private dev.bursar.reconcile.ReportPuller puller(Source source) {
        boolean openAi = source.provider().equals("openai");
        String variable = openAi ? "OPENAI_ADMIN_KEY" : "ANTHROPIC_ADMIN_KEY";
        String key = env.get(variable);
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("--pull " + pull + " needs an admin key in $" + variable);
        }
        String root = baseUrl != null ? baseUrl
                : openAi ? dev.bursar.reconcile.ReportPuller.OPENAI : dev.bursar.reconcile.ReportPuller.ANTHROPIC;
        return new dev.bursar.reconcile.ReportPuller(java.net.http.HttpClient.newBuilder()
                .connectTimeout(java.time.Duration.ofSeconds(10)).build(), root, key);
    }

    private static TimeRange reportSpan(ProviderReport report) {
        return report.span().map(s -> new TimeRange(s.from(), s.to())).orElseThrow(() ->
                new IllegalArgumentException("the report has no buckets; give --month or --from/--to"));
    }
}
