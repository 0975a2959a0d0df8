package dev.bursar.cli;

import dev.bursar.ledger.TimeRange;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** {@code --month YYYY-MM}: that calendar month in UTC. */
final class MonthRange {

    private MonthRange() {
    }

    static TimeRange parse(String text) {
        try {
            YearMonth m = YearMonth.parse(text.strip());
            return new TimeRange(m.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                    m.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--month '" + text + "' is not a month such as 2026-11");
        }
    }
}
