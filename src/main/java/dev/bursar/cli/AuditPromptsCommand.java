package dev.bursar.cli;

import dev.bursar.Stores;
import dev.bursar.config.BursarConfig;
import dev.bursar.config.ConfigException;
import dev.bursar.config.ConfigLoader;
import dev.bursar.ledger.PromptPartsReader;
import dev.bursar.ledger.TimeRange;
import dev.bursar.pricing.CatalogException;
import dev.bursar.promptaudit.PromptAudit;
import dev.bursar.promptaudit.PromptAuditReport;
import dev.bursar.storage.StorageException;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bursar audit prompts}: per feature and prompt version, the system prompt's tokens, its share of the input
 * cost, its monthly cost and its growth across versions, from the prompt parts the gateway records.
 */
@Command(name = "prompts", mixinStandardHelpOptions = true,
        description = "System prompt audit: per feature and prompt version, the system prompt's tokens, its share of"
                + " input cost, its monthly cost and its growth from the previous version.")
public final class AuditPromptsCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "bursar.yaml (default: $BURSAR_CONFIG, then ./bursar.yaml)")
    String config;

    @Option(names = "--feature", description = "Only this feature (\"\" for calls without one).")
    String feature;

    @Option(names = "--month", paramLabel = "YYYY-MM", description = "a calendar month (UTC); instead of --from/--to")
    String month;

    @Option(names = "--from", paramLabel = "DATE|INSTANT", description = "start, inclusive (default: start of this month, UTC)")
    String from;

    @Option(names = "--to", paramLabel = "DATE|INSTANT",
            description = "end: a date includes that whole day, an instant is exclusive (default: end of this month, UTC)")
    String to;

    @Option(names = "--format", defaultValue = "table", description = "table, json or csv (default: ${DEFAULT-VALUE})")
    ReportCommand.Format format;

    @Mixin
    PriceFiles prices = new PriceFiles();

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final Clock clock;

    public AuditPromptsCommand() {
        this(System.getenv(), Clock.systemUTC());
    }

    AuditPromptsCommand(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        try {
            TimeRange range = range();
            BursarConfig cfg = ConfigLoader.resolve(config, env);
            if (LedgerFile.missing("bursar audit prompts", cfg.storage(), err)) {
                return 1;
            }
            PromptAuditReport report;
            try (Stores s = Stores.open(cfg.storage())) {
                report = new PromptAudit(prices.catalog()).audit(new PromptPartsReader(s.database()), range,
                        Optional.ofNullable(feature));
            }
            out.print(PromptAuditFormatter.format(format, report));
            out.flush();
            return 0;
        } catch (IllegalArgumentException | ConfigException | StorageException | CatalogException e) {
            err.println("bursar audit prompts: " + e.getMessage());
            return 1;
        }
    }

    private TimeRange range() {
        if (month == null) {
            return TimeRange.parse(from, to, clock, "--from", "--to");
        }
        if (from != null || to != null) {
            throw new IllegalArgumentException("--month and --from/--to cannot be used together");
        }
        try {
            YearMonth m = YearMonth.parse(month.strip());
            return new TimeRange(m.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                    m.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--month '" + month + "' is not a month like 2026-11");
        }
    }
}
