package dev.bursar.cli;

import dev.bursar.Stores;
import dev.bursar.budgets.BudgetBook;
import dev.bursar.budgets.BudgetControl;
import dev.bursar.budgets.BudgetEvents;
import dev.bursar.budgets.BudgetStatus;
import dev.bursar.budgets.SqlBudgetStore;
import dev.bursar.config.BudgetConfig;
import dev.bursar.config.BursarConfig;
import dev.bursar.config.ConfigLoader;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Budgets managed in the storage `serve` uses. Run-time budgets live beside the ledger (every replica sees them within
 * seconds); budgets in bursar.yaml are listed but read-only here.
 */
@Command(name = "budgets", mixinStandardHelpOptions = true, description = "Set, list, remove budgets and show their current windows.",
        subcommands = {BudgetsCommand.Set.class, BudgetsCommand.ListBudgets.class, BudgetsCommand.Remove.class, BudgetsCommand.Status.class})
public final class BudgetsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("bursar budgets: say set, list, rm or status (bursar budgets --help)");
        return 2;
    }

    static <T> T withBudgets(String config, Function<BudgetControl, T> work) {
        BursarConfig cfg = ConfigLoader.resolve(config, System.getenv());
        try (Stores storage = Stores.open(cfg.storage());
             BudgetControl budgets = BudgetControl.forConfig(cfg, new SqlBudgetStore(storage.database()), storage.ledger(), BudgetEvents.none())) {
            return work.apply(budgets);
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Create or replace a run-time budget.")
    static final class Set implements Callable<Integer> {
        @Option(names = "--config") String config;
        @Option(names = "--name") String name;
        @Option(names = "--scope", required = true, description = "key, customer, team, feature, environment, model or global") String scope;
        @Option(names = "--match", description = "the scope's value, or * for each value (default *)") String match;
        @Option(names = "--window", description = "day, month, rolling-Nh or lifetime (default month)") String window;
        @Option(names = "--time-zone") String timeZone;
        @Option(names = "--limit-usd", required = true) BigDecimal limitUsd;
        @Option(names = "--alert-at", split = ",", description = "fractions, e.g. 0.5,0.8,1.0") List<BigDecimal> alertAt;
        @Option(names = "--enforce", description = "hard (refuse) or soft (alert only); default hard") String enforce;
        @Option(names = "--on-store-down", description = "closed or open") String onStoreDown;

        @Override
        public Integer call() {
            BudgetConfig b;
            try {
                b = new BudgetConfig(name, scope, match, window, timeZone, limitUsd, alertAt, enforce, onStoreDown);
            } catch (IllegalArgumentException e) {
                System.err.println("bursar budgets set: " + e.getMessage());
                return 2;
            }
            return withBudgets(config, budgets -> {
                budgets.budgets().set(b);
                System.out.println("set " + b.name() + ": " + b.scope() + " " + b.match() + ", " + b.window() + ", $"
                        + b.limitUsd().toPlainString() + " (" + b.enforce() + ")");
                return 0;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List budgets.")
    static final class ListBudgets implements Callable<Integer> {
        @Option(names = "--config") String config;

        @Override
        public Integer call() {
            return withBudgets(config, budgets -> {
                System.out.printf("%-32s %-12s %-14s %-12s %14s %-6s %-8s%n", "NAME", "SCOPE", "MATCH", "WINDOW", "LIMIT USD", "KIND", "SOURCE");
                for (BudgetBook.Defined d : budgets.budgets().all()) {
                    BudgetConfig b = d.config();
                    System.out.printf("%-32s %-12s %-14s %-12s %14s %-6s %-8s%n", b.name(), b.scope(), b.match(), b.window(),
                            b.limitUsd().toPlainString(), b.enforce(), d.fromConfig() ? "yaml" : "runtime");
                }
                return 0;
            });
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove a run-time budget.")
    static final class Remove implements Callable<Integer> {
        @Option(names = "--config") String config;
        @Parameters(paramLabel = "NAME") String name;

        @Override
        public Integer call() {
            return withBudgets(config, budgets -> {
                try {
                    if (!budgets.budgets().remove(name)) {
                        System.err.println("bursar budgets rm: no budget named '" + name + "' (bursar budgets list shows them)");
                        return 1;
                    }
                } catch (IllegalArgumentException e) {
                    System.err.println("bursar budgets rm: " + e.getMessage());
                    return 2;
                }
                System.out.println("removed " + name);
                return 0;
            });
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Current window, spend and room of every budget.")
    static final class Status implements Callable<Integer> {
        @Option(names = "--config") String config;

        @Override
        public Integer call() {
            return withBudgets(config, budgets -> {
                System.out.printf("%-32s %-16s %-10s %-22s %14s %14s %14s %14s%n", "BUDGET", "VALUE", "WINDOW", "RESETS", "LIMIT", "SPENT", "RESERVED", "REMAINING");
                for (BudgetStatus s : budgets.status()) {
                    System.out.printf("%-32s %-16s %-10s %-22s %14s %14s %14s %14s%n", s.budget(), s.value(), s.window(),
                            s.resetsAt() == null ? "never" : s.resetsAt().toString(), plain(s.limitUsd()), plain(s.spentUsd()),
                            plain(s.reservedUsd()), plain(s.remainingUsd()));
                }
                return 0;
            });
        }
    }

    private static String plain(BigDecimal v) {
        return v == null ? "-" : v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString();
    }
}
