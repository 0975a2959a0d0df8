package dev.bursar.ledger;

import java.io.OutputStream;
import java.util.List;

/**
 * The append-only record of every upstream attempt and cache hit. Implementations: SQLite (embedded default) and
 * PostgreSQL; both pass {@code LedgerContractTest}.
 */
public interface Ledger extends AutoCloseable {

    /**
     * Appends one row and returns only once it is durable. Concurrent callers share one commit (group commit), so
     * the cost of durability is paid once per batch, not per request.
     */
    void append(UsageEvent event);

    /** Cost, requests and tokens grouped by the query's dimensions, from roll-ups where they cover the range. */
    List<SpendRow> spend(SpendQuery query);

    /** Streams the raw rows in [from, to) to {@code out}, oldest first. */
    void export(ExportQuery query, ExportFormat format, OutputStream out);

    /** The newest raw rows, newest first, filtered as the query says (the dashboard's request list). */
    List<UsageEvent> latest(LatestQuery query);

    /** Number of rows (for tests and health). */
    long count();

    @Override
    void close();
}
