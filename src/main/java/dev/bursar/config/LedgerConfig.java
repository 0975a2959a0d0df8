package dev.bursar.config;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code ledger:}, how long raw rows stay in the database (issue 17). Rows older than {@code keep-rows} are written
 * to Parquet files under {@code archive}, verified, and only then deleted; the roll-ups are kept for ever, so reports
 * over any range stay exact. Absent, every row is kept in the database.
 *
 * @param keepRows     how long raw rows stay in the database (at least 1d; absent: for ever)
 * @param archive      the folder of the Parquet archives (default {@code ./bursar-data/archive})
 * @param archiveEvery how often the gateway archives in the background (default 1h)
 * @param batchRows    rows deleted per transaction, so the writer never waits long for the lock (default 500)
 */
public record LedgerConfig(Duration keepRows, String archive, Duration archiveEvery, Integer batchRows) {

    public static final String DEFAULT_ARCHIVE = "./bursar-data/archive";

    public LedgerConfig {
        archive = archive == null || archive.isBlank() ? DEFAULT_ARCHIVE : archive;
        archiveEvery = archiveEvery == null ? Duration.ofHours(1) : archiveEvery;
        batchRows = batchRows == null ? 500 : batchRows;
        if (keepRows != null && keepRows.compareTo(Duration.ofDays(1)) < 0) {
            // Archives cover whole UTC days; a window shorter than a day would archive today's rows.
            throw new IllegalArgumentException("keep-rows must be at least 1d, got " + keepRows);
        }
        if (archiveEvery.isNegative() || archiveEvery.isZero()) {
            throw new IllegalArgumentException("archive-every must be positive");
        }
        if (batchRows < 1) {
            throw new IllegalArgumentException("batch-rows must be at least 1");
        }
    }

    /** No {@code ledger:} block: rows are kept for ever, nothing is archived. */
    public static LedgerConfig defaults() {
        return new LedgerConfig(null, null, null, null);
    }

    /** The retention window, when one is set. */
    public Optional<Duration> retention() {
        return Optional.ofNullable(keepRows);
    }
}
