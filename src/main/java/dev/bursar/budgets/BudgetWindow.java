package dev.bursar.budgets;

import dev.bursar.config.BudgetConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A budget's window: calendar day or month in a time zone (DST-correct: a day is from local midnight to the next
 * local midnight, 23 or 25 hours long around a clock change), rolling N hours, or lifetime.
 *
 * <p>Rolling windows slide by whole hours: the spend counted at a moment is that of the current UTC hour plus the
 * N-1 hours before it, so a call leaves the window between N-1 and N hours after it was made (granularity: one hour).
 */
public final class BudgetWindow {

    /** How long after a window's end its counters are kept, for settles of calls that started just before it. */
    static final Duration GRACE = Duration.ofDays(1);
    private static final Pattern ROLLING = Pattern.compile("rolling-(\\d+)h");

    private enum Kind { DAY, MONTH, ROLLING, LIFETIME }

    private final Kind kind;
    private final int hours;
    private final ZoneId zone;
    private final String spec;

    private BudgetWindow(Kind kind, int hours, ZoneId zone, String spec) {
        this.kind = kind;
        this.hours = hours;
        this.zone = zone;
        this.spec = spec;
    }

    public static BudgetWindow of(BudgetConfig budget) {
        // Asked on every call for every budget that applies: parsed once per (window, zone).
        return PARSED.computeIfAbsent(budget.window() + "\u0000" + budget.timeZone(),
                k -> parse(budget.window(), ZoneId.of(budget.timeZone())));
    }

    private static final java.util.Map<String, BudgetWindow> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

    /** {@code day}, {@code month}, {@code rolling-Nh} (1 <= N <= 8784) or {@code lifetime}. */
    public static BudgetWindow parse(String window, ZoneId zone) {
        Matcher m = ROLLING.matcher(window);
        if (m.matches()) {
            int n = Integer.parseInt(m.group(1));
            if (n < 1 || n > 8784) {
                throw new IllegalArgumentException("rolling window must be 1 to 8784 hours, got " + window);
            }
            return new BudgetWindow(Kind.ROLLING, n, zone, window);
        }
        return switch (window) {
            case "day" -> new BudgetWindow(Kind.DAY, 0, zone, "day@" + zone.getId());
            case "month" -> new BudgetWindow(Kind.MONTH, 0, zone, "month@" + zone.getId());
            case "lifetime" -> new BudgetWindow(Kind.LIFETIME, 0, zone, "lifetime");
            default -> throw new IllegalArgumentException(
                    "window must be day, month, lifetime or rolling-Nh (e.g. rolling-6h), got " + window);
        };
    }

    /** Identifies the window kind and zone (e.g. "day@Europe/Paris", "rolling-6h"); counters are kept per spec. */
    public String spec() {
        return spec;
    }

    /** The window instance {@code at} falls in. */
    public WindowInstance instance(Instant at) {
        return switch (kind) {
            case DAY -> {
                LocalDate d = LocalDate.ofInstant(at, zone);
                yield new WindowInstance(d.atStartOfDay(zone).toInstant(), d.plusDays(1).atStartOfDay(zone).toInstant());
            }
            case MONTH -> {
                LocalDate d = LocalDate.ofInstant(at, zone).withDayOfMonth(1);
                yield new WindowInstance(d.atStartOfDay(zone).toInstant(), d.plusMonths(1).atStartOfDay(zone).toInstant());
            }
            case ROLLING -> {
                Instant hour = at.truncatedTo(ChronoUnit.HOURS);
                yield new WindowInstance(hour.minus(Duration.ofHours(hours - 1L)), hour.plus(Duration.ofHours(1)));
            }
            case LIFETIME -> new WindowInstance(Instant.EPOCH, null);
        };
    }

    /** The cells summed for the window at {@code at}, oldest first; the last one is where new spend goes. */
    List<Bucket> buckets(Instant at) {
        WindowInstance w = instance(at);
        return switch (kind) {
            case DAY, MONTH -> {
                ZonedDateTime local = w.start().atZone(zone);
                String id = kind == Kind.DAY ? local.toLocalDate().toString() : local.toLocalDate().toString().substring(0, 7);
                yield List.of(new Bucket(id, w.start(), w.end(), w.end().plus(GRACE)));
            }
            case ROLLING -> {
                List<Bucket> out = new ArrayList<>(hours);
                for (int i = 0; i < hours; i++) {
                    Instant from = w.start().plus(Duration.ofHours(i));
                    Instant to = from.plus(Duration.ofHours(1));
                    out.add(new Bucket("h" + from.getEpochSecond() / 3600, from, to, from.plus(Duration.ofHours(hours)).plus(GRACE)));
                }
                yield out;
            }
            case LIFETIME -> List.of(new Bucket("all", Instant.EPOCH, null, null));
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BudgetWindow w && w.spec.equals(spec);
    }

    @Override
    public int hashCode() {
        return spec.hashCode();
    }

    @Override
    public String toString() {
        return spec;
    }
}
