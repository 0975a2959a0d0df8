package dev.bursar.config;

import java.time.Duration;

/**
 * {@code batch:}, the Batch API (issue 14).
 *
 * @param folder      where uploaded files, results in progress and output/error files are kept; absent: the folder
 *                    {@code batch-files} beside the SQLite database (replicas sharing PostgreSQL need a shared folder)
 * @param concurrency how many lines of one batch run at once through the request path (default 64)
 * @param lease       how long a replica's claim on a running batch lasts without renewal; a replica that died is
 *                    replaced after this (default 15s)
 */
public record BatchConfig(String folder, Integer concurrency, Duration lease) {

    public BatchConfig {
        concurrency = concurrency == null ? 64 : concurrency;
        lease = lease == null ? Duration.ofSeconds(15) : lease;
        if (concurrency < 1 || concurrency > 4096) {
            throw new IllegalArgumentException("concurrency must be between 1 and 4096");
        }
        if (lease.toMillis() < 1_000) {
            throw new IllegalArgumentException("lease must be at least 1s");
        }
    }

    /** No {@code batch:} block: the defaults. */
    public static BatchConfig defaults() {
        return new BatchConfig(null, null, null);
    }
}
