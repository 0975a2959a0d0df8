package dev.bursar.budgets;

import dev.bursar.ledger.Ledger;
import java.math.BigDecimal;
import java.time.Instant;

/** Settled spend of one scope value in [from, to), used once to start a counter that does not exist yet. */
@FunctionalInterface
public interface StartingSpend {

    BigDecimal spentUsd(BudgetScope scope, String value, Instant from, Instant to);

    static StartingSpend none() {
        return (scope, value, from, to) -> BigDecimal.ZERO;
    }

    /** From the ledger's spend report, grouped by the scope's dimension. */
    static StartingSpend fromLedger(Ledger ledger) {
        return new LedgerStartingSpend(ledger);
    }
}
