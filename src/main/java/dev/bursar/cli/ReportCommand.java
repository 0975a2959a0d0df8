package dev.bursar.cli;

import dev.bursar.Stores;
import dev.bursar.config.BursarConfig;
import dev.bursar.config.ConfigException;
import dev.bursar.config.ConfigLoader;
import dev.bursar.config.StorageConfig;
import dev.bursar.ledger.Dimension;
import dev.bursar.ledger.SpendQuery;
import dev.bursar.ledger.SpendRow;
import dev.bursar.ledger.TimeRange;
import dev.bursar.storage.StorageException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bursar report}: spend from the ledger that {@code bursar serve} writes, grouped and summed. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Spend from the ledger: cost, requests, attempts, failures, tokens by class and cache savings.")
public final class ReportCommand implements Callable<Integer> {

    enum Format { table, json, csv }

    @Option(names = "--config", paramLabel = "FILE", description = "bursar.yaml (default: $BURSAR_CONFIG, then ./bursar.yaml)")
    String config;

    @Option(names = "--group-by", split = ",", paramLabel = "DIM",
            description = "customer, user, team, feature, environment, prompt_version, key, model, provider, status, cache, day, hour (UTC)")
    List<String> groupBy = List.of();

    @Option(names = "--from", paramLabel = "DATE|INSTANT", description = "start, inclusive (default: start of this month, UTC)")
    String from;

    @Option(names = "--to", paramLabel = "DATE|INSTANT",
            description = "end: a date includes that whole day, an instant is exclusive (default: end of this month, UTC)")
    String to;

    @Option(names = "--format", defaultValue = "table", description = "table, json or csv (default: ${DEFAULT-VALUE})")
    Format format;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final Clock clock;

    public ReportCommand() {
        this(System.getenv(), Clock.systemUTC());
    }

    ReportCommand(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        try {
            List<Dimension> dims = groupBy.stream().filter(s -> !s.isBlank()).map(Dimension::parse).toList();
            TimeRange range = TimeRange.parse(from, to, clock, "--from", "--to");
            BursarConfig cfg = ConfigLoader.resolve(config, env);
            StorageConfig storage = cfg.storage();
            if (LedgerFile.missing("bursar report", storage, err)) {
                return 1;
            }
            List<SpendRow> rows;
            try (Stores s = Stores.open(storage)) {
                rows = s.ledger().spend(new SpendQuery(dims, range.from(), range.to()));
            }
            out.print(switch (format) {
                case table -> ReportFormatter.table(dims, rows);
                case json -> ReportFormatter.json(range, dims, rows);
                case csv -> ReportFormatter.csv(dims, rows);
            });
            out.flush();
            return 0;
        } catch (IllegalArgumentException | ConfigException | StorageException e) {
            err.println("bursar report: " + e.getMessage());
            return 1;
        }
    }
}
