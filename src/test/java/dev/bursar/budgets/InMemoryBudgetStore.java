package dev.bursar.budgets;

import dev.bursar.config.BudgetConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** A store for tests that do not exercise SQL. */
final class InMemoryBudgetStore implements BudgetStore {
    private final Map<String, BudgetConfig> budgets = new ConcurrentSkipListMap<>();

    @Override
    public void set(BudgetConfig budget) {
        budgets.put(budget.name(), budget);
    }

    @Override
    public List<BudgetConfig> list() {
        return List.copyOf(budgets.values());
    }

    @Override
    public Optional<BudgetConfig> find(String name) {
        return Optional.ofNullable(budgets.get(name));
    }

    @Override
    public boolean remove(String name) {
        return budgets.remove(name) != null;
    }
}
