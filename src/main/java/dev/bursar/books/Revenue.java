package dev.bursar.books;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Optional;

/**
 * A customer's revenue for a period: per month touched, the imported invoice lines when there are any, else the
 * plan's subscription (flat + seats), in proportion to the part of the month covered; plus overage on the requests
 * beyond the plan's included ones (the allowance in proportion too).
 */
final class Revenue {

    private Revenue() {
    }

    /** Imported lines summed per customer and month. */
    static java.util.Map<String, java.util.Map<YearMonth, BigDecimal>> index(BooksInput in) {
        java.util.Map<String, java.util.Map<YearMonth, BigDecimal>> out = new java.util.HashMap<>();
        for (RevenueLine l : in.revenue()) {
            out.computeIfAbsent(l.customer(), c -> new java.util.HashMap<>()).merge(l.month(), l.amountUsd(), BigDecimal::add);
        }
        return out;
    }

    static BigDecimal of(String customer, long requests, BooksInput in,
                         java.util.Map<String, java.util.Map<YearMonth, BigDecimal>> imported) {
        Optional<Plan> plan = planOf(customer, in);
        int seats = Optional.ofNullable(in.customers().get(customer)).map(Customer::seats).orElse(0);
        BigDecimal usd = in.period().prorate(m -> Optional.ofNullable(imported.getOrDefault(customer, java.util.Map.of()).get(m))
                .orElse(plan.map(p -> p.subscription(seats)).orElse(BigDecimal.ZERO)));
        if (plan.isPresent() && plan.get().includedRequests() != null) {
            BigDecimal allowance = in.period().prorate(m -> BigDecimal.valueOf(plan.get().includedRequests()));
            usd = usd.add(plan.get().overage(requests, allowance));
        }
        return usd;
    }

    static Optional<Plan> planOf(String customer, BooksInput in) {
        return Optional.ofNullable(in.customers().get(customer)).map(c -> in.plans().get(c.plan()));
    }
}
