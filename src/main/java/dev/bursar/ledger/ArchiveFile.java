package dev.bursar.ledger;

import java.math.BigDecimal;

/**
 * One Parquet archive of ledger rows: the rows with {@code fromMicros <= ts_micros < toMicros} that were in the
 * database when it was written (rows booked later into that range stay in the database until the next run).
 *
 * @param path     where the file is (absolute)
 * @param month    YYYY-MM of its rows, the unit of {@code bursar ledger restore}
 * @param rows     rows in the file, checked by reading it back
 * @param cost     sum of the rows' cost, checked by reading it back
 * @param complete false while its rows are still being deleted from the database (a run stopped there resumes)
 */
public record ArchiveFile(String path, String month, long fromMicros, long toMicros, long rows, BigDecimal cost,
                          boolean complete) {

    static final String VERIFIED = "verified";
    static final String COMPLETE = "complete";

    boolean overlaps(long from, long to) {
        return fromMicros < to && toMicros > from;
    }
}
