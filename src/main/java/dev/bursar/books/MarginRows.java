package dev.bursar.books;

import dev.bursar.config.CostConfig;
import dev.bursar.pricing.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.Set;
import java.util.TreeMap;

/** Sums {@link CostToServe}'s slots into the rows and totals of a {@link MarginReport}. */
final class MarginRows {

    /** Display order of the categories; those in no cost line this period are left out. */
    private static final List<String> ORDER = List.of("dev-test", "infrastructure", "monitoring", "storage",
            "engineering", "evaluation", "other");

    static {
        if (!new HashSet<>(ORDER).equals(CostConfig.CATEGORIES)) {
            throw new AssertionError("MarginRows.ORDER must list every cost category");
        }
    }

    private MarginRows() {
    }

    /** Running sums of one row. */
    private static final class Acc {
        final Set<String> customers = new HashSet<>();
        final Set<String> active = new HashSet<>();
        long requests;
        BigDecimal revenue = Money.ZERO;
        BigDecimal api = Money.ZERO;
        BigDecimal failed = Money.ZERO;
        final Map<String, BigDecimal> allocated = new LinkedHashMap<>();

        void add(Slot s, Set<String> activeCustomers) {
            customers.add(s.customer);
            if (activeCustomers.contains(s.customer)) {
                active.add(s.customer);
            }
            requests += s.requests;
            revenue = revenue.add(s.revenueUsd);
            api = api.add(s.apiUsd);
            failed = failed.add(s.failedUsd);
            s.allocated.forEach((c, usd) -> allocated.merge(c, usd, BigDecimal::add));
        }

        MarginRow row(String key, Optional<Plan> plan, String planName, List<String> categories, BigDecimal unallocated,
                      BigDecimal target) {
            SequencedMap<String, BigDecimal> byCategory = new LinkedHashMap<>();
            categories.forEach(c -> byCategory.put(c, allocated.getOrDefault(c, Money.ZERO)));
            return new MarginRow(key, planName, plan.map(Plan::freeTier).orElse(false), customers.size(), active.size(),
                    requests, revenue, api, failed, byCategory, unallocated, target);
        }
    }

    static MarginReport report(CostToServe books, MarginGroup group, BigDecimal target) {
        BooksInput in = books.input();
        List<String> categories = ORDER.stream().filter(c -> books.tco.stream().anyMatch(l -> l.category().equals(c))).toList();
        Set<String> active = new HashSet<>(books.activeCustomers());
        Map<String, Acc> rows = new TreeMap<>();
        Acc total = new Acc();
        for (Slot s : books.slots.values()) {
            rows.computeIfAbsent(key(s, group, in), k -> new Acc()).add(s, active);
            total.add(s, active);
        }
        List<MarginRow> out = new ArrayList<>();
        rows.forEach((key, acc) -> {
            Optional<Plan> plan = group == MarginGroup.PLAN ? Optional.ofNullable(in.plans().get(key))
                    : group == MarginGroup.CUSTOMER ? Revenue.planOf(key, in) : Optional.empty();
            String planName = switch (group) {
                case CUSTOMER -> planName(key, in);
                case PLAN -> key;
                case FEATURE -> null;
            };
            BigDecimal rowTarget = target != null ? target : plan.map(Plan::targetMarginPct).orElse(null);
            out.add(acc.row(key, plan, planName, categories, Money.ZERO, rowTarget));
        });
        out.sort(Comparator.comparingInt(MarginRow::statusRank)
                .thenComparing(r -> r.marginPctExact().orElse(null), Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(MarginRow::marginUsd)
                .thenComparing(MarginRow::key));
        BigDecimal unallocated = books.unallocated.values().stream().reduce(Money.ZERO, BigDecimal::add);
        MarginRow totals = total.row("TOTAL", Optional.empty(), null, categories, unallocated, target);
        return new MarginReport(in.period().from(), in.period().to(), in.period().wholeMonth(), group, target,
                categories, out, totals, books.tco);
    }

    private static String key(Slot s, MarginGroup group, BooksInput in) {
        return switch (group) {
            case CUSTOMER -> s.customer;
            case PLAN -> planName(s.customer, in);
            case FEATURE -> s.feature;
        };
    }

    static String planName(String customer, BooksInput in) {
        Customer c = in.customers().get(customer);
        return c == null ? "(none)" : c.plan();
    }
}
