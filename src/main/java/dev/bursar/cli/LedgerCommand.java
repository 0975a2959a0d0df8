package dev.bursar.cli;

import dev.bursar.Stores;
import dev.bursar.config.BursarConfig;
import dev.bursar.config.ConfigException;
import dev.bursar.config.ConfigLoader;
import dev.bursar.ledger.ArchiveCatalog;
import dev.bursar.ledger.ArchiveFile;
import dev.bursar.ledger.LedgerException;
import dev.bursar.ledger.LiveRows;
import dev.bursar.ledger.archive.ArchiveRun;
import dev.bursar.ledger.archive.LedgerArchiver;
import dev.bursar.pricing.Money;
import dev.bursar.storage.StorageException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bursar ledger}: the ledger's lifecycle (issue 17). {@code archive} moves rows older than
 * {@code ledger.keep-rows} (or {@code --before}) into Parquet files, {@code restore} puts a month back,
 * {@code stats} shows what is in the database and in the archives.
 */
@Command(name = "ledger", mixinStandardHelpOptions = true,
        description = "Archive old ledger rows to Parquet, restore a month, show the ledger's size.",
        subcommands = {LedgerCommand.Archive.class, LedgerCommand.Restore.class, LedgerCommand.Stats.class})
public final class LedgerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("bursar ledger: say archive, restore or stats (bursar ledger --help)");
        return 2;
    }

    /** The --config option and the opened storage every subcommand shares. */
    static final class Target {
        @Option(names = "--config", paramLabel = "FILE", description = "bursar.yaml (default: $BURSAR_CONFIG, then ./bursar.yaml)")
        String config;

        BursarConfig resolve() {
            return ConfigLoader.resolve(config, System.getenv());
        }
    }

    /** Runs {@code work} on the configured ledger, turning the expected failures into one line on stderr. */
    interface Work {
        int run(BursarConfig config, Stores stores, PrintWriter out) throws Exception;
    }

    static int run(String name, Target target, CommandSpec spec, Work work) {
        PrintWriter err = spec.commandLine().getErr();
        try {
            BursarConfig config = target.resolve();
            if (LedgerFile.missing("bursar ledger " + name, config.storage(), err)) {
                return 1;
            }
            try (Stores stores = Stores.open(config.storage())) {
                return work.run(config, stores, spec.commandLine().getOut());
            }
        } catch (IllegalArgumentException | ConfigException | StorageException | LedgerException | UncheckedIOException e) {
            err.println("bursar ledger " + name + ": " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("bursar ledger " + name + ": " + e);
            return 1;
        }
    }

    @Command(name = "archive", mixinStandardHelpOptions = true,
            description = "Moves rows older than ledger.keep-rows (or --before) into verified Parquet files, then deletes them.")
    static final class Archive implements Callable<Integer> {
        @Option(names = "--before", paramLabel = "DATE", description = "archive rows before this UTC day (YYYY-MM-DD)")
        String before;

        @Mixin
        Target target;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return run("archive", target, spec, (config, stores, out) -> {
                Instant cutoff;
                if (before != null) {
                    cutoff = parseDay(before).atStartOfDay().toInstant(ZoneOffset.UTC);
                } else if (config.ledger().retention().isPresent()) {
                    cutoff = Clock.systemUTC().instant().minus(config.ledger().retention().get());
                } else {
                    spec.commandLine().getErr().println("bursar ledger archive: no ledger.keep-rows in the config;"
                            + " say which rows with --before YYYY-MM-DD");
                    return 2;
                }
                ArchiveRun run = new LedgerArchiver(stores.database(), Path.of(config.ledger().archive()),
                        config.ledger().batchRows()).archiveBefore(cutoff);
                out.println("archived " + run.rows() + " rows (" + Money.plain(run.cost()) + " USD) into "
                        + run.files().size() + " files under " + Path.of(config.ledger().archive()).toAbsolutePath().normalize()
                        + (run.resumed() > 0 ? "; finished " + run.resumed() + " files of an interrupted run" : ""));
                run.files().forEach(f -> out.println("  " + f));
                return 0;
            });
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = "Puts a month's archived rows back into the database and removes its archive files.")
    static final class Restore implements Callable<Integer> {
        @Option(names = "--month", required = true, paramLabel = "YYYY-MM", description = "the month to restore")
        String month;

        @Mixin
        Target target;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return run("restore", target, spec, (config, stores, out) -> {
                YearMonth m;
                try {
                    m = YearMonth.parse(month);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("--month must be YYYY-MM, got '" + month + "'");
                }
                long rows = new LedgerArchiver(stores.database(), Path.of(config.ledger().archive()),
                        config.ledger().batchRows()).restore(m);
                out.println("restored " + rows + " rows of " + m);
                return 0;
            });
        }
    }

    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Rows and bytes in the database, the oldest row, and the archives.")
    static final class Stats implements Callable<Integer> {
        @Mixin
        Target target;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return run("stats", target, spec, (config, stores, out) -> {
                LiveRows.Footprint fp = new LiveRows(stores.database()).footprint();
                List<ArchiveFile> files = new ArchiveCatalog(stores.database()).all();
                out.println("database:  " + stores.describe());
                out.println("rows:      " + fp.rows());
                out.println("bytes:     " + fp.bytes() + (fp.rows() > 0 ? " (" + fp.bytes() / fp.rows() + " per row, indexes included)" : ""));
                out.println("oldest:    " + (fp.oldestMicros().isPresent()
                        ? Instant.ofEpochSecond(fp.oldestMicros().getAsLong() / 1_000_000L).toString() : "-"));
                out.println("keep-rows: " + config.ledger().retention().map(d -> d.toDays() + "d").orElse("for ever (no ledger.keep-rows)"));
                long rows = files.stream().mapToLong(ArchiveFile::rows).sum();
                BigDecimal cost = files.stream().map(ArchiveFile::cost).reduce(Money.ZERO, BigDecimal::add);
                long bytes = files.stream().mapToLong(f -> size(Path.of(f.path()))).sum();
                out.println("archives:  " + files.size() + " files, " + rows + " rows, " + Money.plain(cost) + " USD, "
                        + bytes + " bytes" + (rows > 0 ? " (" + bytes / rows + " per row)" : ""));
                files.stream().map(ArchiveFile::month).distinct().forEach(m -> {
                    List<ArchiveFile> in = files.stream().filter(f -> f.month().equals(m)).toList();
                    out.println("  " + m + ": " + in.size() + " files, " + in.stream().mapToLong(ArchiveFile::rows).sum()
                            + " rows, " + Money.plain(in.stream().map(ArchiveFile::cost).reduce(Money.ZERO, BigDecimal::add))
                            + " USD" + (in.stream().allMatch(ArchiveFile::complete) ? "" : " (a run is finishing)"));
                });
                return 0;
            });
        }

        private static long size(Path p) {
            try {
                return Files.size(p);
            } catch (java.io.IOException e) {
                return 0;
            }
        }
    }

    static LocalDate parseDay(String s) {
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--before must be a date YYYY-MM-DD, got '" + s + "'");
        }
    }
}
