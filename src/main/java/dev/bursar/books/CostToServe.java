package dev.bursar.books;

import dev.bursar.ledger.SpendRow;
import dev.bursar.pricing.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Spreads a period's revenue and costs over (customer, feature) slots: API spend where the ledger booked it, failed
 * attempts as wasted spend of the same slot (never counted twice: API cost is what answered, wasted is what failed),
 * dev/test traffic and cost items by their allocation rule, revenue by plan or imported invoice lines. Every split is
 * exact to the picodollar ({@link Apportion}); what has nowhere to go stays in {@link #unallocated}.
 */
final class CostToServe {

    /** Environments whose spend is a dev/test cost of the product, not a cost of serving the customer it names. */
    static final Set<String> DEV_TEST_ENVIRONMENTS = Set.of("dev", "development", "test", "testing", "staging", "ci",
            "qa", "local", "sandbox");

    final Map<List<String>, Slot> slots = new TreeMap<>(java.util.Comparator.comparing((List<String> k) -> k.get(0))
            .thenComparing(k -> k.get(1)));
    final Map<String, BigDecimal> unallocated = new LinkedHashMap<>();
    final List<MarginReport.TcoLine> tco = new ArrayList<>();
    private final BooksInput in;

    private CostToServe(BooksInput in) {
        this.in = in;
    }

    static CostToServe of(BooksInput in) {
        CostToServe books = new CostToServe(in);
        BigDecimal devTest = books.readUsage();
        books.customersWithoutUsage();
        books.revenue();
        if (devTest.signum() > 0) {
            books.tco.add(new MarginReport.TcoLine("dev/test usage (ledger)", "dev-test", devTest, "by-spend", "ledger"));
            books.allocate("dev-test", devTest, new Allocation.BySpend());
        }
        for (CostItem item : in.costs()) {
            BigDecimal usd = in.period().prorate(item::amountIn);
            if (usd.signum() > 0) {
                books.tco.add(new MarginReport.TcoLine(item.name(), item.category(), usd, item.allocate().text(), item.fromFile() ? "yaml" : "api"));
                books.allocate(item.category(), usd, item.allocate());
            }
        }
        return books;
    }

    /** Production usage into slots; returns the dev/test environments' spend, which becomes a cost line instead. */
    private BigDecimal readUsage() {
        BigDecimal devTest = Money.ZERO;
        BigDecimal api = Money.ZERO;
        BigDecimal failed = Money.ZERO;
        for (UsageCell c : in.usage()) {
            if (DEV_TEST_ENVIRONMENTS.contains(c.environment().toLowerCase(java.util.Locale.ROOT))) {
                devTest = devTest.add(c.costUsd());
                continue;
            }
            slot(c.customer(), c.feature()).add(c);
            api = api.add(c.answeredCostUsd());
            failed = failed.add(c.failedCostUsd());
        }
        tco.add(new MarginReport.TcoLine("API spend (ledger)", "api", api, "where the ledger booked it", "ledger"));
        tco.add(new MarginReport.TcoLine("failed requests (ledger)", "failed-requests", failed, "where the ledger booked it", "ledger"));
        return devTest;
    }

    private void customersWithoutUsage() {
        Set<String> seen = new java.util.HashSet<>();
        slots.keySet().forEach(k -> seen.add(k.get(0)));
        in.customers().keySet().stream().filter(id -> !seen.contains(id)).forEach(id -> slot(id, Slot.NO_FEATURE));
        in.revenue().stream().map(RevenueLine::customer).filter(id -> !seen.contains(id)).forEach(id -> slot(id, Slot.NO_FEATURE));
    }

    private void revenue() {
        var imported = Revenue.index(in);
        for (Map.Entry<String, List<Slot>> e : byCustomer().entrySet()) {
            BigDecimal usd = Revenue.of(e.getKey(), e.getValue().stream().mapToLong(s -> s.requests).sum(), in, imported);
            List<BigDecimal> parts = Apportion.split(usd, withinWeights(e.getValue()));
            for (int i = 0; i < parts.size(); i++) {
                Slot s = e.getValue().get(i);
                s.revenueUsd = s.revenueUsd.add(parts.get(i));
            }
        }
    }

    private void allocate(String category, BigDecimal usd, Allocation rule) {
        List<Slot> all = new ArrayList<>(slots.values());
        switch (rule) {
            case Allocation.BySpend b -> spread(category, usd, all, all.stream().map(Slot::spendUsd).toList());
            case Allocation.ByRequests b -> spread(category, usd, all, all.stream().map(s -> BigDecimal.valueOf(s.requests)).toList());
            case Allocation.ByTokens b -> spread(category, usd, all, all.stream().map(s -> BigDecimal.valueOf(s.tokens)).toList());
            case Allocation.ByActiveCustomers b -> perCustomer(category, usd, activeCustomers(), null);
            case Allocation.Fixed f -> perCustomer(category, usd, new ArrayList<>(f.shares().keySet()), f.shares());
            case Allocation.Unallocated u -> unallocated.merge(category, usd, BigDecimal::add);
        }
    }

    private void spread(String category, BigDecimal usd, List<Slot> to, List<BigDecimal> weights) {
        if (weights.stream().allMatch(w -> w.signum() == 0)) {
            unallocated.merge(category, usd, BigDecimal::add); // nobody used anything this period
            return;
        }
        List<BigDecimal> parts = Apportion.split(usd, weights);
        for (int i = 0; i < parts.size(); i++) {
            to.get(i).allocate(category, parts.get(i));
        }
    }

    /** Evenly (shares null) or by fixed shares over customers, then within each customer by its spend. */
    private void perCustomer(String category, BigDecimal usd, List<String> customers, Map<String, BigDecimal> shares) {
        if (customers.isEmpty()) {
            unallocated.merge(category, usd, BigDecimal::add);
            return;
        }
        List<BigDecimal> weights = new ArrayList<>(customers.stream().map(c -> shares == null ? BigDecimal.ONE : shares.get(c)).toList());
        BigDecimal rest = shares == null ? BigDecimal.ZERO : BigDecimal.ONE.subtract(weights.stream().reduce(BigDecimal.ZERO, BigDecimal::add));
        weights.add(rest);
        List<BigDecimal> parts = Apportion.split(usd, weights);
        if (parts.getLast().signum() > 0) {
            unallocated.merge(category, parts.getLast(), BigDecimal::add);
        }
        Map<String, List<Slot>> byCustomer = byCustomer();
        for (int i = 0; i < customers.size(); i++) {
            List<Slot> own = byCustomer.computeIfAbsent(customers.get(i), id -> List.of(slot(id, Slot.NO_FEATURE)));
            List<BigDecimal> within = Apportion.split(parts.get(i), withinWeights(own));
            for (int j = 0; j < own.size(); j++) {
                own.get(j).allocate(category, within.get(j));
            }
        }
    }

    /** Within one customer: by spend, else by requests, else evenly. */
    private static List<BigDecimal> withinWeights(List<Slot> own) {
        List<BigDecimal> spend = own.stream().map(Slot::spendUsd).toList();
        if (spend.stream().anyMatch(w -> w.signum() > 0)) {
            return spend;
        }
        List<BigDecimal> requests = own.stream().map(s -> BigDecimal.valueOf(s.requests)).toList();
        if (requests.stream().anyMatch(w -> w.signum() > 0)) {
            return requests;
        }
        return Collections.nCopies(own.size(), BigDecimal.ONE);
    }

    List<String> activeCustomers() {
        return byCustomer().entrySet().stream()
                .filter(e -> !e.getKey().equals(SpendRow.UNATTRIBUTED) && e.getValue().stream().anyMatch(Slot::active))
                .map(Map.Entry::getKey).toList();
    }

    Map<String, List<Slot>> byCustomer() {
        Map<String, List<Slot>> out = new LinkedHashMap<>();
        slots.values().forEach(s -> out.computeIfAbsent(s.customer, c -> new ArrayList<>()).add(s));
        return out;
    }

    private Slot slot(String customer, String feature) {
        return slots.computeIfAbsent(List.of(customer, feature), k -> new Slot(customer, feature));
    }

    BooksInput input() {
        return in;
    }
}
