package dev.bursar.books;

import dev.bursar.config.CostConfig;
import dev.bursar.config.CustomerConfig;
import dev.bursar.config.PlanConfig;
import dev.bursar.ledger.Dimension;
import dev.bursar.ledger.Ledger;
import dev.bursar.ledger.SpendQuery;
import dev.bursar.storage.Database;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The books over the ledger: cost items, plans, customers and revenue, and the margin report. Items written in
 * bursar.yaml ({@code costs:}, {@code plans:}, {@code customers:}) are read-only at run time: the file stays the
 * truth for what it names. Items made with the CLI or the admin API live in the database (V26) beside them; a name
 * the file already uses is refused. The CLI and the admin API both read the report through {@link #margin}.
 */
public final class Books {

    /** What a margin report covers and how it is grouped; {@code targetMarginPct} may be null. */
    public record MarginQuery(Instant from, Instant to, MarginGroup groupBy, BigDecimal targetMarginPct) { }

    /** The ledger dimensions a margin report reads: one roll-up query per report. */
    static final List<Dimension> GRAIN = List.of(Dimension.CUSTOMER, Dimension.FEATURE, Dimension.ENVIRONMENT);
    /** A scenario reprices by model and provider too: a finer (slower) query, still from roll-ups. */
    static final List<Dimension> MODEL_GRAIN = List.of(Dimension.CUSTOMER, Dimension.FEATURE, Dimension.ENVIRONMENT,
            Dimension.MODEL, Dimension.PROVIDER);

    private final Ledger ledger;
    private final BooksStore store;
    private final List<CostItem> fileCosts;
    private final List<Plan> filePlans;
    private final List<Customer> fileCustomers;

    /** Checks the YAML items (unique names, known plans) now: a mistake fails the start, not a report. */
    public Books(Database db, Ledger ledger, List<CostConfig> costs, List<PlanConfig> plans,
                 List<CustomerConfig> customers, Clock clock) {
        this.ledger = ledger;
        this.store = new BooksStore(db, clock);
        this.fileCosts = unique(costs.stream().map(c -> CostItem.of(c, true)).toList(), CostItem::name, "costs");
        this.filePlans = unique(plans.stream().map(p -> Plan.of(p, true)).toList(), Plan::name, "plans");
        this.fileCustomers = unique(customers.stream().map(c -> Customer.of(c, true)).toList(), Customer::id, "customers");
        Set<String> planNames = new HashSet<>(filePlans.stream().map(Plan::name).toList());
        for (Customer c : fileCustomers) {
            if (!planNames.contains(c.plan())) {
                throw new IllegalArgumentException("customers: '" + c.id() + "' is on plan '" + c.plan()
                        + "', which plans: does not name (plans: " + planNames.stream().sorted().toList() + ")");
            }
        }
    }

    public MarginReport margin(MarginQuery q) {
        return MarginRows.report(CostToServe.of(input(q.from(), q.to(), GRAIN)), q.groupBy(), q.targetMarginPct());
    }

    /** The ledger's sums and the items in force for [from, to): what a report or a scenario starts from. */
    BooksInput input(Instant from, Instant to, List<Dimension> grain) {
        Period period = new Period(from, to);
        List<UsageCell> usage = ledger.spend(new SpendQuery(grain, from, to)).stream().map(UsageCell::of).toList();
        YearMonth first = YearMonth.from(from.atZone(ZoneOffset.UTC));
        YearMonth last = YearMonth.from(to.minusNanos(1).atZone(ZoneOffset.UTC));
        Map<String, Plan> plans = new LinkedHashMap<>();
        plans().forEach(p -> plans.put(p.name(), p));
        Map<String, Customer> customers = new LinkedHashMap<>();
        customers().forEach(c -> customers.put(c.id(), c));
        return new BooksInput(period, usage, costs(), plans, customers, store.revenue(first, last));
    }

    /**
     * One cost item's amount in one calendar month of [from, to), for the part of the month the range covers: the
     * same amounts the margin report's TCO lines sum ({@code bursar export --format focus} writes one FOCUS row each).
     */
    public record CostCharge(CostItem item, java.time.YearMonth month, Instant from, Instant to, BigDecimal usd,
                             long seconds, long monthSeconds) { }

    /** Every cost item's non-zero amount per month of [from, to), by item then month. */
    public List<CostCharge> costCharges(Instant from, Instant to) {
        List<CostCharge> out = new java.util.ArrayList<>();
        Period period = new Period(from, to);
        for (CostItem item : costs()) {
            for (Period.Slice s : period.slices()) {
                BigDecimal usd = s.of(item.amountIn(s.month()));
                if (usd.signum() > 0) {
                    Instant start = Period.start(s.month());
                    Instant end = Period.start(s.month().plusMonths(1));
                    out.add(new CostCharge(item, s.month(), start.isAfter(from) ? start : from, end.isBefore(to) ? end : to,
                            usd, s.seconds(), s.monthSeconds()));
                }
            }
        }
        return out;
    }

    public List<CostItem> costs() {
        return merged(fileCosts, store.costs(), CostItem::name);
    }

    public List<Plan> plans() {
        return merged(filePlans, store.plans(), Plan::name);
    }

    public List<Customer> customers() {
        return merged(fileCustomers, store.customers(), Customer::id);
    }

    /** Adds or replaces a run-time cost item; refused for a name bursar.yaml uses. */
    public CostItem putCost(CostConfig c) {
        CostItem item = CostItem.of(c, false);
        refuseFileName(fileCosts.stream().map(CostItem::name).toList(), item.name(), "cost item");
        store.putCost(item);
        return item;
    }

    public Plan putPlan(PlanConfig c) {
        Plan plan = Plan.of(c, false);
        refuseFileName(filePlans.stream().map(Plan::name).toList(), plan.name(), "plan");
        store.putPlan(plan);
        return plan;
    }

    /** Adds or replaces run-time customers; each must name a known plan. */
    public List<Customer> putCustomers(List<CustomerConfig> configs) {
        Set<String> planNames = new HashSet<>(plans().stream().map(Plan::name).toList());
        List<Customer> out = new ArrayList<>();
        for (CustomerConfig c : configs) {
            refuseFileName(fileCustomers.stream().map(Customer::id).toList(), c.id(), "customer");
            if (!planNames.contains(c.plan())) {
                throw new IllegalArgumentException("customer '" + c.id() + "': no plan named '" + c.plan() + "'");
            }
            out.add(Customer.of(c, false));
        }
        store.putCustomers(out);
        return out;
    }

    /** False when there was no such run-time item; refused for an item of bursar.yaml. */
    public boolean removeCost(String name) {
        refuseFileName(fileCosts.stream().map(CostItem::name).toList(), name, "cost item");
        return store.remove("books_costs", "name", name);
    }

    public boolean removePlan(String name) {
        refuseFileName(filePlans.stream().map(Plan::name).toList(), name, "plan");
        if (customers().stream().anyMatch(c -> c.plan().equals(name))) {
            throw new BooksConflict("plan '" + name + "' still has customers; move them to another plan first");
        }
        return store.remove("books_plans", "name", name);
    }

    public boolean removeCustomer(String id) {
        refuseFileName(fileCustomers.stream().map(Customer::id).toList(), id, "customer");
        return store.remove("books_customers", "id", id);
    }

    /** Stores imported revenue lines (same customer, month, source and reference: replaced). */
    public void importRevenue(List<RevenueLine> lines) {
        store.putRevenue(lines);
    }

    public List<RevenueLine> revenue(YearMonth first, YearMonth last) {
        return store.revenue(first, last);
    }

    private static void refuseFileName(List<String> fileNames, String name, String what) {
        if (fileNames.contains(name)) {
            throw new BooksConflict(what + " '" + name + "' is defined in bursar.yaml and is read-only here;"
                    + " change it in the file (and restart)");
        }
    }

    private static <T> List<T> unique(List<T> items, java.util.function.Function<T, String> name, String where) {
        Set<String> seen = new HashSet<>();
        for (T t : items) {
            if (!seen.add(name.apply(t))) {
                throw new IllegalArgumentException(where + ": '" + name.apply(t) + "' is named twice");
            }
        }
        return List.copyOf(items);
    }

    /** The file's items, then the stored ones the file does not name (a stored twin of a file item is shadowed). */
    private static <T> List<T> merged(List<T> file, List<T> stored, java.util.function.Function<T, String> name) {
        Set<String> names = new HashSet<>(file.stream().map(name).toList());
        List<T> out = new ArrayList<>(file);
        stored.stream().filter(t -> !names.contains(name.apply(t))).forEach(out::add);
        return out;
    }
}
