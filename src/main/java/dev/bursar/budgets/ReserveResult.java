package dev.bursar.budgets;

/** The outcome of {@link BudgetCounters#reserve}: held on every key, or on none. */
public sealed interface ReserveResult {

    record Reserved(Reservation reservation) implements ReserveResult {
    }

    record Refused(BudgetRefusal refusal) implements ReserveResult {
    }
}
