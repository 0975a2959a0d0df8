package dev.bursar.books;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/**
 * The margin report of a period: rows (negative margins first, then those below target, then the rest, each by
 * margin percent ascending), totals, and the total cost of ownership line by line.
 *
 * @param categories the cost categories allocated in this period, in display order (each row has all of them)
 */
public record MarginReport(Instant from, Instant to, Optional<YearMonth> month, MarginGroup groupBy,
                           BigDecimal targetMarginPct, List<String> categories, List<MarginRow> rows, MarginRow totals,
                           List<TcoLine> tco) {

    /** One line of the total cost of ownership: the ledger's (API, failed requests, dev/test) and each cost item. */
    public record TcoLine(String name, String category, BigDecimal usd, String allocation, String source) { }

    public MarginReport {
        categories = List.copyOf(categories);
        rows = List.copyOf(rows);
        tco = List.copyOf(tco);
    }
}
