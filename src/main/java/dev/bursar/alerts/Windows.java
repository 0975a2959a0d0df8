package dev.bursar.alerts;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Calendar windows in UTC: which instance of "hour", "day" or "month" an instant falls in. */
final class Windows {

    /** One window instance: [start, end), named for de-duplication ("day 2026-03-10"). */
    record Instance(String key, Instant start, Instant end) {
    }

    private static final Pattern ROLLING = Pattern.compile("rolling-(\\d{1,4})h");

    private Windows() {
    }

    static Optional<Instance> calendar(String window, Instant now) {
        ZonedDateTime t = now.atZone(ZoneOffset.UTC);
        return switch (window) {
            case "hour" -> {
                Instant start = now.truncatedTo(ChronoUnit.HOURS);
                yield Optional.of(new Instance("hour " + start, start, start.plus(Duration.ofHours(1))));
            }
            case "day" -> {
                LocalDate d = t.toLocalDate();
                yield Optional.of(new Instance("day " + d, d.atStartOfDay(ZoneOffset.UTC).toInstant(),
                        d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
            }
            case "month" -> {
                LocalDate first = t.toLocalDate().withDayOfMonth(1);
                yield Optional.of(new Instance("month " + first.toString().substring(0, 7),
                        first.atStartOfDay(ZoneOffset.UTC).toInstant(),
                        first.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
            }
            default -> Optional.empty();
        };
    }

    /**
     * The instance a budget event belongs to and when its alert may fire again: calendar windows end with the
     * window, {@code rolling-Nh} after N hours; anything else (an instance name the caller already made unique, or
     * {@code lifetime}) never expires.
     */
    static Instance budget(String window, Instant now) {
        String w = window == null || window.isBlank() ? "lifetime" : window;
        Optional<Instance> cal = calendar(w, now);
        if (cal.isPresent()) {
            return cal.get();
        }
        Matcher m = ROLLING.matcher(w);
        if (m.matches()) {
            return new Instance(w, now,
                    now.plus(Duration.ofHours(Integer.parseInt(m.group(1)))));
        }
        return new Instance(w, now, null);
    }
}
