package dev.bursar.batch;

import java.math.BigDecimal;

/**
 * One batch as stored: its request, lifecycle times (epoch seconds, 0 when not reached) and running totals.
 *
 * @param owner    JSON of the key and tags the lines are attributed to ({@link Owners})
 * @param metadata the client's metadata object as JSON, or null
 * @param errors   the validation errors as OpenAI's {@code errors} object (JSON), or null
 */
public record BatchRecord(String id, BatchStatus status, String endpoint, String inputFileId, String completionWindow,
                          String metadata, String owner, Times times, String outputFileId, String errorFileId,
                          String errors, Counts counts) {

    /** When each lifecycle step was reached. */
    public record Times(long createdAt, long expiresAt, long inProgressAt, long finalizingAt, long completedAt,
                        long failedAt, long expiredAt, long cancellingAt, long cancelledAt) {
    }

    /** request_counts and usage, and the exact spend and saving of the lines booked so far. */
    public record Counts(int total, int completed, int failed, long inputTokens, long outputTokens, BigDecimal costUsd,
                         BigDecimal savedUsd) {
        public static Counts of(int total) {
            return new Counts(total, 0, 0, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO);
        }
    }
}
