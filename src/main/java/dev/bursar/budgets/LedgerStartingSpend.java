package dev.bursar.budgets;

import dev.bursar.ledger.Ledger;
import dev.bursar.ledger.SpendQuery;
import dev.bursar.ledger.SpendRow;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Asks the ledger for the spend of a scope value in a range. The ledger groups by the scope's dimension (it has no
 * filter), and the row for the value is picked out; for global budgets the single total row is used.
 */
final class LedgerStartingSpend implements StartingSpend {

    /** Stands in for "no end" (lifetime windows); far enough and still inside the ledger's microsecond range. */
    private static final Instant FAR_FUTURE = Instant.parse("9999-01-01T00:00:00Z");

    private final Ledger ledger;

    LedgerStartingSpend(Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public BigDecimal spentUsd(BudgetScope scope, String value, Instant from, Instant to) {
        SpendQuery q = new SpendQuery(scope.dimension().map(List::of).orElse(List.of()), from, to == null ? FAR_FUTURE : to);
        BigDecimal total = BigDecimal.ZERO;
        for (SpendRow row : ledger.spend(q)) {
            if (row.group().isEmpty() || row.group().getFirst().equals(value)) {
                total = total.add(row.costUsd());
            }
        }
        return total;
    }
}
