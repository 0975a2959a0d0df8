package dev.bursar.ledger;

import dev.bursar.pricing.Usage;
import java.math.BigDecimal;
import java.util.List;

/**
 * One group of a spend report.
 *
 * @param group          values of the query's dimensions, in order; a missing tag is "(unattributed)"
 * @param requests       client requests answered (successful attempts and cache hits)
 * @param attempts       upstream attempts, failed ones included
 * @param failedAttempts attempts that ended in an error
 * @param tokens         tokens by class, summed over all attempts
 * @param costUsd        total cost, failed attempts included
 * @param failedCostUsd  the part of {@code costUsd} spent on failed attempts
 * @param savedUsd       what cache hits saved
 */
public record SpendRow(
        List<String> group,
        long requests,
        long attempts,
        long failedAttempts,
        Usage tokens,
        BigDecimal costUsd,
        BigDecimal failedCostUsd,
        BigDecimal savedUsd) {

    public static final String UNATTRIBUTED = "(unattributed)";

    public SpendRow {
        group = List.copyOf(group);
    }
}
