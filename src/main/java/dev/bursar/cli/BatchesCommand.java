package dev.bursar.cli;

import dev.bursar.Stores;
import dev.bursar.batch.BatchRecord;
import dev.bursar.batch.BatchStore;
import dev.bursar.config.BursarConfig;
import dev.bursar.config.ConfigException;
import dev.bursar.config.ConfigLoader;
import dev.bursar.storage.StorageException;
import java.io.PrintWriter;
import java.time.Instant;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bursar batches list|show|cancel}: the Batch API's batches, read from the database every replica shares. */
@Command(name = "batches", mixinStandardHelpOptions = true, description = "List, show and cancel batches.",
        subcommands = {BatchesCommand.List.class, BatchesCommand.Show.class, BatchesCommand.Cancel.class})
final class BatchesCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** What the three subcommands share: the config, and the batches table. */
    abstract static class Base implements Callable<Integer> {
        @Option(names = "--config", paramLabel = "FILE") String config;
        @Spec CommandSpec spec;

        abstract void run(BatchStore store, PrintWriter out);

        abstract String name();

        @Override
        public Integer call() {
            try {
                BursarConfig cfg = ConfigLoader.resolve(config, System.getenv());
                if (LedgerFile.missing("bursar batches " + name(), cfg.storage(), spec.commandLine().getErr())) {
                    return 1;
                }
                try (Stores s = Stores.open(cfg.storage())) {
                    run(new BatchStore(s.database()), spec.commandLine().getOut());
                }
                spec.commandLine().getOut().flush();
                return 0;
            } catch (IllegalArgumentException | ConfigException | StorageException e) {
                spec.commandLine().getErr().println("bursar batches " + name() + ": " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Batches, newest first.")
    static final class List extends Base {
        @Option(names = "--limit", defaultValue = "20") int limit;

        @Override
        String name() {
            return "list";
        }

        @Override
        void run(BatchStore store, PrintWriter out) {
            java.util.List<BatchRecord> rows = store.list(null, limit, null);
            out.printf("%-38s %-11s %-22s %8s %8s %8s %14s %14s%n", "ID", "STATUS", "ENDPOINT", "TOTAL", "DONE", "FAILED",
                    "COST_USD", "SAVED_USD");
            for (BatchRecord b : rows) {
                BatchRecord.Counts n = b.counts();
                out.printf("%-38s %-11s %-22s %8d %8d %8d %14s %14s%n", b.id(), b.status().label(), b.endpoint(), n.total(),
                        n.completed(), n.failed(), n.costUsd().toPlainString(), n.savedUsd().toPlainString());
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One batch: lifecycle, counts, files, cost and saving.")
    static final class Show extends Base {
        @Parameters(paramLabel = "BATCH_ID") String id;

        @Override
        String name() {
            return "show";
        }

        @Override
        void run(BatchStore store, PrintWriter out) {
            BatchRecord b = store.find(id).orElseThrow(() -> new IllegalArgumentException("no batch '" + id + "'"));
            BatchRecord.Times t = b.times();
            BatchRecord.Counts n = b.counts();
            out.println("id:                " + b.id());
            out.println("status:            " + b.status().label());
            out.println("endpoint:          " + b.endpoint());
            out.println("input_file_id:     " + b.inputFileId());
            out.println("output_file_id:    " + (b.outputFileId() == null ? "-" : b.outputFileId()));
            out.println("error_file_id:     " + (b.errorFileId() == null ? "-" : b.errorFileId()));
            out.println("metadata:          " + (b.metadata() == null ? "-" : b.metadata()));
            out.println("created_at:        " + time(t.createdAt()));
            out.println("in_progress_at:    " + time(t.inProgressAt()));
            out.println("completed_at:      " + time(t.completedAt()));
            out.println("expires_at:        " + time(t.expiresAt()));
            out.println("request_counts:    total " + n.total() + ", completed " + n.completed() + ", failed " + n.failed());
            out.println("usage:             input " + n.inputTokens() + ", output " + n.outputTokens() + " tokens");
            out.println("cost_usd:          " + n.costUsd().toPlainString() + "   (batch price)");
            out.println("saved_usd:         " + n.savedUsd().toPlainString() + "   (versus the synchronous price)");
            if (b.errors() != null) {
                out.println("errors:            " + b.errors());
            }
        }

        private static String time(long epochSeconds) {
            return epochSeconds == 0 ? "-" : Instant.ofEpochSecond(epochSeconds).toString();
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Cancel a batch: the replica running it stops at its next lease renewal; finished lines stay.")
    static final class Cancel extends Base {
        @Parameters(paramLabel = "BATCH_ID") String id;

        @Override
        String name() {
            return "cancel";
        }

        @Override
        void run(BatchStore store, PrintWriter out) {
            BatchRecord b = store.find(id).orElseThrow(() -> new IllegalArgumentException("no batch '" + id + "'"));
            if (!store.requestCancel(id, Instant.now().getEpochSecond())) {
                throw new IllegalArgumentException("batch " + id + " is " + b.status().label() + " and cannot be cancelled");
            }
            out.println("cancelling " + id);
        }
    }

}
