package dev.bursar.budgets;

import dev.bursar.config.BudgetConfig;
import java.util.List;
import java.util.Optional;

/** Budgets managed at run time (admin API, CLI), kept in the database next to the ledger. */
public interface BudgetStore {

    /** Creates the budget, or replaces the one with the same name. */
    void set(BudgetConfig budget);

    /** All stored budgets, by name. */
    List<BudgetConfig> list();

    Optional<BudgetConfig> find(String name);

    /** @return false when there was no such budget */
    boolean remove(String name);
}
