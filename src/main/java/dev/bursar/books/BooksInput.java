package dev.bursar.books;

import java.util.List;
import java.util.Map;

/** Everything one period's books are computed from: the ledger's sums and the objects in force. */
record BooksInput(Period period, List<UsageCell> usage, List<CostItem> costs, Map<String, Plan> plans,
                  Map<String, Customer> customers, List<RevenueLine> revenue) {

    BooksInput {
        usage = List.copyOf(usage);
        costs = List.copyOf(costs);
        plans = Map.copyOf(plans);
        customers = Map.copyOf(customers);
        revenue = List.copyOf(revenue);
    }

    BooksInput withUsage(List<UsageCell> u) {
        return new BooksInput(period, u, costs, plans, customers, revenue);
    }

    BooksInput withPlans(Map<String, Plan> p) {
        return new BooksInput(period, usage, costs, p, customers, revenue);
    }
}
