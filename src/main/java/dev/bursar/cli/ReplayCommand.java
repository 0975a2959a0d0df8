package dev.bursar.cli;

import dev.bursar.Stores;
import dev.bursar.capture.CaptureStore;
import dev.bursar.config.BursarConfig;
import dev.bursar.config.ConfigException;
import dev.bursar.config.ConfigLoader;
import dev.bursar.config.StorageConfig;
import dev.bursar.ledger.AnsweredCallReader;
import dev.bursar.ledger.TimeRange;
import dev.bursar.replay.Replay;
import dev.bursar.replay.ReplayPolicy;
import dev.bursar.replay.ReplayReport;
import dev.bursar.replay.ReplayScorer;
import dev.bursar.routing.learned.LearnedRouter;
import dev.bursar.storage.StorageException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bursar replay}: what the captured traffic of a range would have cost under another routing/cache policy,
 * what that saves and the expected change in quality, per feature. Reads the captures and the ledger; calls no provider.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "What-if: replays the captured requests (capture: { enabled: true }) of a range through another"
                + " routing/cache policy without calling providers, and prints the cost, the saving and the expected"
                + " quality change per feature.")
public final class ReplayCommand implements Callable<Integer> {

    enum Format { table, json, csv }

    @Option(names = "--config", paramLabel = "FILE", description = "bursar.yaml (default: $BURSAR_CONFIG, then ./bursar.yaml)")
    String config;

    @Option(names = "--ledger", paramLabel = "FILE", description = "a SQLite ledger file, instead of the storage --config names")
    Path ledger;

    @Option(names = "--from", paramLabel = "DATE|INSTANT", description = "start, inclusive (default: start of this month, UTC)")
    String from;

    @Option(names = "--to", paramLabel = "DATE|INSTANT",
            description = "end: a date includes that whole day, an instant is exclusive (default: end of this month, UTC)")
    String to;

    @Option(names = "--policy", paramLabel = "FILE", required = true,
            description = "the policy to try: routes (switch or learned) and cache, YAML (see README, What-if replay)")
    Path policy;

    @Option(names = "--scorer", defaultValue = "shipped",
            description = "the difficulty scorer for learned routes and quality predictions (default: ${DEFAULT-VALUE},"
                    + " the learned router the gateway routes with; none: learned routes are refused, switches report"
                    + " their quality as unknown)")
    String scorer;

    @Option(names = "--format", defaultValue = "table", description = "table, json or csv (default: ${DEFAULT-VALUE})")
    Format format;

    @Mixin
    PriceFiles prices = new PriceFiles();

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final Clock clock;

    public ReplayCommand() {
        this(System.getenv(), Clock.systemUTC());
    }

    ReplayCommand(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        try {
            TimeRange range = TimeRange.parse(from, to, clock, "--from", "--to");
            ReplayPolicy p = ReplayPolicy.load(policy);
            ReplayScorer s = scorer(scorer);
            StorageConfig storage = ledger != null ? new StorageConfig(ledger.toString(), null, null)
                    : ConfigLoader.resolve(config, env).storage();
            if (LedgerFile.missing("bursar replay", storage, err)) {
                return 1;
            }
            ReplayReport report;
            try (Stores st = Stores.open(storage)) {
                report = new Replay(new CaptureStore(st.database()), new AnsweredCallReader(st.database()), prices.catalog())
                        .run(range.from(), range.to(), p, s);
            }
            out.print(switch (format) {
                case table -> ReplayTable.render(report);
                case json -> ReplayFormatter.json(report);
                case csv -> ReplayFormatter.csv(report);
            });
            out.flush();
            return 0;
        } catch (IllegalArgumentException | ConfigException | StorageException e) {
            err.println("bursar replay: " + e.getMessage());
            return 1;
        }
    }

    /**
     * The scorer a name stands for: "shipped" is the learned router the gateway routes with (same model, same
     * threshold for a quality target); "none": learned routes cannot be replayed and switches report unknown quality.
     */
    static ReplayScorer scorer(String name) {
        return switch (name) {
            case "shipped" -> ReplayScorer.of("shipped", LearnedRouter.shipped());
            case "none" -> ReplayScorer.none();
            default -> throw new IllegalArgumentException("--scorer '" + name + "' is not known (known: shipped, none)");
        };
    }
}
