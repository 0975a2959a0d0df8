package dev.bursar.ledger.archive;

import java.math.BigDecimal;
import java.util.List;

/**
 * What one archive run did.
 *
 * @param files   the files written (or finished after an interrupted run), in order
 * @param rows    rows moved from the database into those files
 * @param cost    their cost, exact
 * @param resumed files of an interrupted run whose rows this run finished deleting
 */
public record ArchiveRun(List<String> files, long rows, BigDecimal cost, int resumed) {
}
