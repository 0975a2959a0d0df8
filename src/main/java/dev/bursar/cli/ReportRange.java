package dev.bursar.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The time range of a report, in UTC. A date in {@code --from} means the start of that day; a date in {@code --to}
 * includes that whole day. An instant ({@code 2026-11-01T10:00:00Z}) is used as given; {@code --to} is exclusive.
 */
record ReportRange(Instant from, Instant to) {

    static ReportRange of(String from, String to, Clock clock) {
        YearMonth month = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        Instant f = from == null ? month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant() : parse("--from", from, false);
        Instant t = to == null ? month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant() : parse("--to", to, true);
        if (!f.isBefore(t)) {
            throw new IllegalArgumentException("--from (" + f + ") must be before --to (" + t + ")");
        }
        return new ReportRange(f, t);
    }

    private static Instant parse(String option, String text, boolean endOfDay) {
        String s = text.trim();
        try {
            LocalDate d = LocalDate.parse(s);
            return (endOfDay ? d.plusDays(1) : d).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADate) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(option + " '" + text + "' is neither a date (2026-11-01) nor an"
                        + " instant with a zone (2026-11-01T10:00:00Z)");
            }
        }
    }
}
