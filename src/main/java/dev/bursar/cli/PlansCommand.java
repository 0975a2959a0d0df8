package dev.bursar.cli;

import dev.bursar.books.BooksConflict;
import dev.bursar.books.Customer;
import dev.bursar.books.Plan;
import dev.bursar.config.ConfigException;
import dev.bursar.config.CustomerConfig;
import dev.bursar.config.PlanConfig;
import dev.bursar.storage.StorageException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Price plans and which customer is on which, kept beside the ledger; bursar.yaml's are listed and read-only. */
@Command(name = "plans", mixinStandardHelpOptions = true, description = "Set, list and remove plans, and put customers on them.",
        subcommands = {PlansCommand.Set.class, PlansCommand.ListPlans.class, PlansCommand.Remove.class,
                PlansCommand.Assign.class, PlansCommand.Unassign.class})
public final class PlansCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("bursar plans: say set, list, remove, assign or unassign (bursar plans --help)");
        return 2;
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Create or replace a plan.")
    static final class Set implements Callable<Integer> {
        @Option(names = "--config") String config;
        @Option(names = "--name", required = true) String name;
        @Option(names = "--monthly", paramLabel = "USD", description = "flat price per customer and month") BigDecimal monthly;
        @Option(names = "--per-seat", paramLabel = "USD") BigDecimal perSeat;
        @Option(names = "--included-requests") Long included;
        @Option(names = "--overage", paramLabel = "USD", description = "per request beyond --included-requests") BigDecimal overage;
        @Option(names = "--free-tier") boolean freeTier;
        @Option(names = "--target-margin", paramLabel = "PCT") BigDecimal target;

        @Override
        public Integer call() {
            try {
                Plan p = BooksAccess.with(config, System.getenv(), b ->
                        b.putPlan(new PlanConfig(name, monthly, perSeat, included, overage, freeTier, target)));
                System.out.println("plan '" + p.name() + "' saved");
                return 0;
            } catch (IllegalArgumentException | BooksConflict | ConfigException | StorageException e) {
                System.err.println("bursar plans set: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List plans and customers.")
    static final class ListPlans implements Callable<Integer> {
        @Option(names = "--config") String config;

        @Override
        public Integer call() {
            return BooksAccess.with(config, System.getenv(), b -> {
                List<List<String>> lines = new ArrayList<>();
                lines.add(List.of("plan", "monthly_usd", "per_seat_usd", "included_requests", "overage_usd", "free_tier",
                        "target_margin_pct", "source"));
                for (Plan p : b.plans()) {
                    lines.add(List.of(p.name(), p.monthlyUsd().toPlainString(), p.perSeatUsd().toPlainString(),
                            CostsCommand.dash(p.includedRequests()), p.overageUsd().toPlainString(), Boolean.toString(p.freeTier()),
                            CostsCommand.dash(p.targetMarginPct()), p.fromFile() ? "yaml" : "stored"));
                }
                System.out.print(Columns.render(lines, 8, false));
                System.out.println();
                List<List<String>> customers = new ArrayList<>();
                customers.add(List.of("customer", "plan", "seats", "source"));
                for (Customer c : b.customers()) {
                    customers.add(List.of(c.id(), c.plan(), Integer.toString(c.seats()), c.fromFile() ? "yaml" : "stored"));
                }
                System.out.print(Columns.render(customers, 4, false));
                return 0;
            });
        }
    }

    @Command(name = "remove", aliases = "rm", mixinStandardHelpOptions = true, description = "Remove a stored plan without customers.")
    static final class Remove implements Callable<Integer> {
        @Option(names = "--config") String config;
        @Parameters(paramLabel = "NAME") String name;

        @Override
        public Integer call() {
            try {
                boolean removed = BooksAccess.with(config, System.getenv(), b -> b.removePlan(name));
                System.out.println(removed ? "removed plan '" + name + "'" : "no stored plan named '" + name + "'");
                return removed ? 0 : 1;
            } catch (BooksConflict e) {
                System.err.println("bursar plans remove: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "assign", mixinStandardHelpOptions = true, description = "Put customers (ledger customer tags) on a plan.")
    static final class Assign implements Callable<Integer> {
        @Option(names = "--config") String config;
        @Option(names = "--plan", required = true) String plan;
        @Option(names = "--seats") Integer seats;
        @Parameters(paramLabel = "CUSTOMER", arity = "1..*") List<String> customers;

        @Override
        public Integer call() {
            try {
                BooksAccess.with(config, System.getenv(), b ->
                        b.putCustomers(customers.stream().map(c -> new CustomerConfig(c, plan, seats)).toList()));
                System.out.println(customers.size() + " customer(s) on plan '" + plan + "'");
                return 0;
            } catch (IllegalArgumentException | BooksConflict | ConfigException | StorageException e) {
                System.err.println("bursar plans assign: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "unassign", mixinStandardHelpOptions = true, description = "Take stored customers off their plan.")
    static final class Unassign implements Callable<Integer> {
        @Option(names = "--config") String config;
        @Parameters(paramLabel = "CUSTOMER", arity = "1..*") List<String> customers;

        @Override
        public Integer call() {
            try {
                long n = BooksAccess.with(config, System.getenv(), b -> customers.stream().filter(b::removeCustomer).count());
                System.out.println(n + " customer(s) removed");
                return n == customers.size() ? 0 : 1;
            } catch (BooksConflict e) {
                System.err.println("bursar plans unassign: " + e.getMessage());
                return 1;
            }
        }
    }
}
