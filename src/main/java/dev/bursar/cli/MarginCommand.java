package dev.bursar.cli;

import dev.bursar.Stores;
import dev.bursar.books.Books;
import dev.bursar.books.MarginGroup;
import dev.bursar.books.MarginJson;
import dev.bursar.books.MarginReport;
import dev.bursar.books.ReportRange;
import dev.bursar.config.BursarConfig;
import dev.bursar.config.ConfigException;
import dev.bursar.config.ConfigLoader;
import dev.bursar.ledger.TimeRange;
import dev.bursar.storage.StorageException;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bursar margin}: revenue, cost to serve and gross margin per customer, plan or feature. */
@Command(name = "margin", mixinStandardHelpOptions = true,
        description = "Cost to serve and gross margin: revenue, API spend, wasted spend, allocated costs; worst margins first.")
public final class MarginCommand implements Callable<Integer> {

    enum Format { table, json, csv }

    @Option(names = "--config", paramLabel = "FILE", description = "bursar.yaml (default: $BURSAR_CONFIG, then ./bursar.yaml)")
    String config;

    @Option(names = "--group-by", defaultValue = "customer", description = "customer, plan or feature (default: ${DEFAULT-VALUE})")
    String groupBy;

    @Option(names = "--month", paramLabel = "YYYY-MM", description = "a calendar month (UTC); or --from/--to")
    String month;

    @Option(names = "--from", paramLabel = "DATE|INSTANT", description = "start, inclusive (default: start of this month, UTC)")
    String from;

    @Option(names = "--to", paramLabel = "DATE|INSTANT", description = "end: a date includes that whole day (default: end of this month)")
    String to;

    @Option(names = "--target", paramLabel = "PCT", description = "target gross margin in percent; rows below it are listed first"
            + " (default: each plan's target-margin-pct)")
    BigDecimal target;

    @Option(names = "--format", defaultValue = "table", description = "table, json or csv (default: ${DEFAULT-VALUE})")
    Format format;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final Clock clock;

    public MarginCommand() {
        this(System.getenv(), Clock.systemUTC());
    }

    MarginCommand(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        try {
            MarginGroup group = MarginGroup.parse(groupBy);
            TimeRange range = ReportRange.parse(month, from, to, clock, "--month", "--from", "--to");
            BursarConfig cfg = ConfigLoader.resolve(config, env);
            if (LedgerFile.missing("bursar margin", cfg.storage(), err)) {
                return 1;
            }
            MarginReport report;
            try (Stores s = Stores.open(cfg.storage())) {
                Books books = BooksAccess.open(cfg, s);
                report = books.margin(new Books.MarginQuery(range.from(), range.to(), group, target));
            }
            out.print(switch (format) {
                case table -> MarginTable.render(report);
                case json -> MarginJson.render(report);
                case csv -> MarginTable.csv(report);
            });
            out.flush();
            return 0;
        } catch (IllegalArgumentException | ConfigException | StorageException e) {
            err.println("bursar margin: " + e.getMessage());
            return 1;
        }
    }
}
