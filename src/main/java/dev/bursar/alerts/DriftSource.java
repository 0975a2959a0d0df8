package dev.bursar.alerts;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the {@code reconcile-drift} rule reads: per day and provider, the provider's own cost report (pulled and
 * stored by the gateway, kept in another package) beside the ledger's cost of the same traffic.
 */
public interface DriftSource {

    /**
     * One pulled day of one provider: the provider's billed dollars, the ledger's, and the models whose rows are
     * beyond the reconciliation tolerance (to name them in the alert).
     */
    record Day(LocalDate day, String provider, BigDecimal reportedUsd, BigDecimal ledgerUsd, List<String> models) {
        public Day {
            models = List.copyOf(models);
        }
    }

    /** Every pulled day whose start is in [from, to). */
    List<Day> days(Instant from, Instant to);

    /** For engines built without scheduled reconciliation: a reconcile-drift rule then fails to build, naming why. */
    DriftSource NONE = (from, to) -> {
        throw new IllegalStateException("reconcile-drift needs scheduled reconciliation");
    };
}
