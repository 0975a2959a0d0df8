package dev.bursar.cli;

import dev.bursar.Stores;
import dev.bursar.books.Books;
import dev.bursar.books.FocusCostItems;
import dev.bursar.config.BursarConfig;
import dev.bursar.config.ConfigException;
import dev.bursar.config.ConfigLoader;
import dev.bursar.config.StorageConfig;
import dev.bursar.ledger.ExportFormat;
import dev.bursar.ledger.ExportQuery;
import dev.bursar.ledger.TimeRange;
import dev.bursar.storage.StorageException;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bursar export}: the ledger's raw rows, the same export as {@code GET /admin/export}, to stdout or a file.
 * {@code --format focus} writes them as a FinOps FOCUS 1.2 CSV, followed by the books' cost items of the range.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Exports ledger rows as JSONL, CSV, or a FinOps FOCUS 1.2 CSV (--format focus).")
public final class ExportCommand implements Callable<Integer> {

    enum Format { jsonl, csv, focus }

    @Option(names = "--format", defaultValue = "jsonl", description = "jsonl, csv or focus (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--month", paramLabel = "YYYY-MM", description = "a calendar month, UTC")
    String month;

    @Option(names = "--from", paramLabel = "DATE|INSTANT", description = "start, inclusive (default: start of this month, UTC)")
    String from;

    @Option(names = "--to", paramLabel = "DATE|INSTANT",
            description = "end: a date includes that whole day, an instant is exclusive (default: end of this month, UTC)")
    String to;

    @Option(names = "--out", paramLabel = "FILE", description = "write here instead of stdout")
    Path outFile;

    @Option(names = "--config", paramLabel = "FILE", description = "bursar.yaml (default: $BURSAR_CONFIG, then ./bursar.yaml)")
    String config;

    @Option(names = "--ledger", paramLabel = "FILE", description = "a SQLite ledger file, instead of the config's storage")
    Path ledgerFile;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final Clock clock;
    private final OutputStream stdout;

    public ExportCommand() {
        this(System.getenv(), Clock.systemUTC(), System.out);
    }

    ExportCommand(Map<String, String> env, Clock clock, OutputStream stdout) {
        this.env = env;
        this.clock = clock;
        this.stdout = stdout;
    }

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        try {
            TimeRange range = month != null ? monthOnly() : TimeRange.parse(from, to, clock, "--from", "--to");
            // --ledger with jsonl or csv needs no config; FOCUS reads the books' cost items from it.
            BursarConfig cfg = ledgerFile != null && format != Format.focus ? BursarConfig.defaults()
                    : ConfigLoader.resolve(config, env);
            StorageConfig storage = ledgerFile != null ? new StorageConfig(ledgerFile.toString(), null, null)
                    : cfg.storage();
            if (LedgerFile.missing("bursar export", storage, err)) {
                return 1;
            }
            ExportFormat f = switch (format) {
                case jsonl -> ExportFormat.JSONL;
                case csv -> ExportFormat.CSV;
                case focus -> ExportFormat.FOCUS;
            };
            try (Stores s = Stores.open(storage); OutputStream out = open()) {
                s.ledger().export(new ExportQuery(range.from(), range.to(), 0), f, out);
                if (f == ExportFormat.FOCUS) {
                    // FOCUS is the whole bill: the books' cost items (infrastructure, monitoring...) follow the calls.
                    Books books = new Books(s.database(), s.ledger(), cfg.costs(), cfg.plans(), cfg.customers(), clock);
                    FocusCostItems.write(books.costCharges(range.from(), range.to()), out);
                }
            }
            return 0;
        } catch (IOException | UncheckedIOException e) {
            err.println("bursar export: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException | ConfigException | StorageException e) {
            err.println("bursar export: " + e.getMessage());
            return 1;
        }
    }

    private TimeRange monthOnly() {
        if (from != null || to != null) {
            throw new IllegalArgumentException("--month and --from/--to exclude each other");
        }
        return MonthRange.parse(month);
    }

    /** The file, or stdout kept open after the export (closing System.out would silence the process). */
    private OutputStream open() throws IOException {
        if (outFile != null) {
            return new BufferedOutputStream(new FileOutputStream(outFile.toFile()));
        }
        return new java.io.FilterOutputStream(stdout) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
