package dev.bursar.books;

import dev.bursar.ledger.TimeRange;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/** A books report's range: {@code --month YYYY-MM}, or {@code --from/--to} read as {@code bursar report} reads them. */
public final class ReportRange {

    private ReportRange() {
    }

    /** {@code names} are how the caller spells the three inputs in errors ("--month", "--from", "--to"). */
    public static TimeRange parse(String month, String from, String to, Clock clock, String... names) {
        if (month != null && !month.isBlank()) {
            if ((from != null && !from.isBlank()) || (to != null && !to.isBlank())) {
                throw new IllegalArgumentException(names[0] + " and " + names[1] + "/" + names[2] + " are alternatives; give one");
            }
            try {
                YearMonth m = YearMonth.parse(month.trim());
                return new TimeRange(Period.start(m), Period.start(m.plusMonths(1)));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(names[0] + " must be YYYY-MM, got '" + month + "'");
            }
        }
        return TimeRange.parse(from, to, clock, names[1], names[2]);
    }
}
