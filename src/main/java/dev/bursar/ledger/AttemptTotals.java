package dev.bursar.ledger;

import java.math.BigDecimal;

/**
 * Upstream attempts in a window (cache hits are not attempts), how many of them failed, and what the failed ones
 * cost: failed attempts are billed too.
 */
public record AttemptTotals(long attempts, long failedAttempts, BigDecimal failedCostUsd) {
}
