package dev.bursar.cli;

import dev.bursar.books.BooksConflict;
import dev.bursar.books.CostItem;
import dev.bursar.config.ConfigException;
import dev.bursar.config.CostConfig;
import dev.bursar.storage.StorageException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Cost items outside the API bill (infrastructure, monitoring, storage, ...), kept beside the ledger. Items in
 * bursar.yaml's {@code costs:} are listed too, and are read-only here.
 */
@Command(name = "costs", mixinStandardHelpOptions = true, description = "Add, list and remove cost items (total cost of ownership).",
        subcommands = {CostsCommand.Add.class, CostsCommand.ListCosts.class, CostsCommand.Remove.class})
public final class CostsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("bursar costs: say add, list or remove (bursar costs --help)");
        return 2;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add (or replace) a cost item.")
    static final class Add implements Callable<Integer> {
        @Option(names = "--config") String config;
        @Option(names = "--name", required = true) String name;
        @Option(names = "--category", required = true,
                description = "infrastructure, monitoring, storage, engineering, evaluation, dev-test or other") String category;
        @Option(names = "--label", description = "free-form sub-label") String label;
        @Option(names = "--monthly", paramLabel = "USD", description = "a recurring amount per month") BigDecimal monthly;
        @Option(names = "--once", paramLabel = "USD", description = "a one-off amount, booked in the --from month") BigDecimal once;
        @Option(names = "--from", paramLabel = "YYYY-MM") String from;
        @Option(names = "--to", paramLabel = "YYYY-MM", description = "last month, inclusive") String to;
        @Option(names = "--allocate", defaultValue = "unallocated", description = "by-spend, by-requests, by-tokens,"
                + " by-active-customers, fixed:acme=0.5,globex=0.5 or unallocated (default)") String allocate;

        @Override
        public Integer call() {
            try {
                CostItem item = BooksAccess.with(config, System.getenv(), b ->
                        b.putCost(new CostConfig(name, category, label, monthly, once, from, to, allocate)));
                System.out.println("cost item '" + item.name() + "' saved: " + item.category() + ", "
                        + (item.onceUsd() == null ? item.monthlyUsd().toPlainString() + " USD a month"
                        : item.onceUsd().toPlainString() + " USD once") + ", allocate " + item.allocate().text());
                return 0;
            } catch (IllegalArgumentException | BooksConflict | ConfigException | StorageException e) {
                System.err.println("bursar costs add: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List cost items (bursar.yaml's and stored ones).")
    static final class ListCosts implements Callable<Integer> {
        @Option(names = "--config") String config;

        @Override
        public Integer call() {
            List<CostItem> items = BooksAccess.with(config, System.getenv(), b -> b.costs());
            List<List<String>> lines = new ArrayList<>();
            lines.add(List.of("name", "category", "label", "usd", "per", "from", "to", "allocate", "source"));
            for (CostItem c : items) {
                lines.add(List.of(c.name(), c.category(), dash(c.label()),
                        (c.onceUsd() == null ? c.monthlyUsd() : c.onceUsd()).toPlainString(), c.onceUsd() == null ? "month" : "once",
                        dash(c.from()), dash(c.to()), c.allocate().text(), c.fromFile() ? "yaml" : "stored"));
            }
            System.out.print(Columns.render(lines, 9, false));
            return 0;
        }
    }

    @Command(name = "remove", aliases = "rm", mixinStandardHelpOptions = true, description = "Remove a stored cost item.")
    static final class Remove implements Callable<Integer> {
        @Option(names = "--config") String config;
        @Parameters(paramLabel = "NAME") String name;

        @Override
        public Integer call() {
            try {
                if (!BooksAccess.with(config, System.getenv(), b -> b.removeCost(name))) {
                    System.err.println("bursar costs remove: no stored cost item named '" + name + "'");
                    return 1;
                }
                System.out.println("removed cost item '" + name + "'");
                return 0;
            } catch (BooksConflict e) {
                System.err.println("bursar costs remove: " + e.getMessage());
                return 1;
            }
        }
    }

    static String dash(Object o) {
        return o == null ? "-" : o.toString();
    }
}
