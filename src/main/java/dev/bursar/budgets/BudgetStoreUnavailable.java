package dev.bursar.budgets;

/** The shared counter store (Redis) cannot be reached; {@link BudgetControl} applies each budget's on-store-down. */
public final class BudgetStoreUnavailable extends RuntimeException {
    public BudgetStoreUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
