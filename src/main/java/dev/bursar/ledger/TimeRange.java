package dev.bursar.ledger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The time range of a report or export, in UTC, as people write it: {@code from} a date means the start of that day,
 * {@code to} a date includes that whole day ({@code --from 2026-11-01 --to 2026-11-30} is November). An instant with a
 * zone ({@code 2026-11-01T10:00:00Z}) is used as given, and {@code to} is then exclusive. Missing ends default to this
 * month. The CLI's {@code --from/--to} and the admin API's {@code from=/to=} read the same way.
 */
public record TimeRange(Instant from, Instant to) {

    /** {@code fromName}/{@code toName} name the inputs in error messages ("--from", or "from"). */
    public static TimeRange parse(String from, String to, Clock clock, String fromName, String toName) {
        YearMonth month = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        Instant f = from == null || from.isBlank() ? month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant()
                : instant(fromName, from, false);
        Instant t = to == null || to.isBlank() ? month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant()
                : instant(toName, to, true);
        if (!f.isBefore(t)) {
            throw new IllegalArgumentException(fromName + " (" + f + ") must be before " + toName + " (" + t + ")");
        }
        return new TimeRange(f, t);
    }

    private static Instant instant(String name, String text, boolean endOfDay) {
        String s = text.trim();
        try {
            LocalDate d = LocalDate.parse(s);
            return (endOfDay ? d.plusDays(1) : d).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADate) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(name + " '" + text + "' is neither a date (2026-11-01) nor an"
                        + " instant with a zone (2026-11-01T10:00:00Z)");
            }
        }
    }
}
