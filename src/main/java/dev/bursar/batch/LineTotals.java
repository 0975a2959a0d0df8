package dev.bursar.batch;

import java.math.BigDecimal;

/** What one line used and cost: its tokens (from the answer's usage) and every booked attempt's cost and saving. */
record LineTotals(long inputTokens, long outputTokens, BigDecimal costUsd, BigDecimal savedUsd) {
}
