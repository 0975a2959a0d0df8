package dev.bursar.ledger;

import java.time.Instant;

/**
 * Input tokens of one prompt version of a feature over a window of hourly roll-ups.
 *
 * @param feature   the feature; empty for calls without one
 * @param firstHour the start of the first UTC hour in the window with a row of this version
 * @param rows      ledger rows: requests plus failed attempts (every row is exactly one of the two)
 */
public record PromptVersionUsage(String feature, String promptVersion, Instant firstHour, long inputTokens, long rows) {
}
