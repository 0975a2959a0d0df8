package dev.bursar.cli;

import dev.bursar.Stores;
import dev.bursar.config.BursarConfig;
import dev.bursar.config.ConfigException;
import dev.bursar.config.ConfigLoader;
import dev.bursar.config.StorageConfig;
import dev.bursar.ledger.PromptPrefixReader;
import dev.bursar.ledger.TimeRange;
import dev.bursar.promptcache.Advice;
import dev.bursar.promptcache.CacheAdvisor;
import dev.bursar.promptcache.CacheLifetime;
import dev.bursar.storage.StorageException;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bursar cache advise}: prompts whose long prefix (&ge; 1,024 tokens) repeats within the provider's cache
 * lifetime, per feature, prompt version and model, and what provider prompt caching would save on them.
 */
@Command(name = "advise", mixinStandardHelpOptions = true,
        description = "What provider prompt caching would save: repeated long prompt prefixes from the ledger, priced"
                + " at each model's cache-write and cache-read prices, with the break-even number of reuses.")
public final class CacheAdviseCommand implements Callable<Integer> {

    enum Format { table, json, csv }

    @Option(names = "--config", paramLabel = "FILE", description = "bursar.yaml (default: $BURSAR_CONFIG, then ./bursar.yaml)")
    String config;

    @Option(names = "--month", paramLabel = "YYYY-MM", description = "a calendar month (UTC); instead of --from/--to")
    String month;

    @Option(names = "--from", paramLabel = "DATE|INSTANT", description = "start, inclusive (default: start of this month, UTC)")
    String from;

    @Option(names = "--to", paramLabel = "DATE|INSTANT",
            description = "end: a date includes that whole day, an instant is exclusive (default: end of this month, UTC)")
    String to;

    @Option(names = "--lifetime", defaultValue = "5m",
            description = "the provider cache's lifetime: 5m (Anthropic's default, OpenAI's usual) or 1h (default: ${DEFAULT-VALUE})")
    String lifetime;

    @Option(names = "--format", defaultValue = "table", description = "table, json or csv (default: ${DEFAULT-VALUE})")
    Format format;

    @Mixin
    PriceFiles prices = new PriceFiles();

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final Clock clock;

    public CacheAdviseCommand() {
        this(System.getenv(), Clock.systemUTC());
    }

    CacheAdviseCommand(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        try {
            TimeRange range = range();
            CacheLifetime life = CacheLifetime.parse(lifetime);
            BursarConfig cfg = ConfigLoader.resolve(config, env);
            StorageConfig storage = cfg.storage();
            if (LedgerFile.missing("bursar cache advise", storage, err)) {
                return 1;
            }
            Advice advice;
            try (Stores s = Stores.open(storage)) {
                advice = new CacheAdvisor(prices.catalog()).advise(new PromptPrefixReader(s.database()), range, life);
            }
            out.print(switch (format) {
                case table -> CacheAdviceTable.render(advice);
                case json -> CacheAdviceFormatter.json(advice);
                case csv -> CacheAdviceFormatter.csv(advice);
            });
            out.flush();
            return 0;
        } catch (IllegalArgumentException | ConfigException | StorageException e) {
            err.println("bursar cache advise: " + e.getMessage());
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
