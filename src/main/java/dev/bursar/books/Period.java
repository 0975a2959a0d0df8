package dev.bursar.books;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The range a report covers, as the calendar months it touches. Monthly amounts (plan prices, cost items) count in
 * full for a whole month and in proportion to the seconds covered for part of one, so {@code --month 2026-12} is exact
 * and a custom range is fair.
 */
record Period(Instant from, Instant to) {

    /** One month the period touches and how much of it: {@code seconds} of {@code monthSeconds}. */
    record Slice(YearMonth month, long seconds, long monthSeconds) {

        BigDecimal of(BigDecimal monthlyAmount) {
            return Apportion.scale(monthlyAmount, seconds, monthSeconds);
        }

        boolean whole() {
            return seconds == monthSeconds;
        }
    }

    static Period month(YearMonth m) {
        return new Period(start(m), start(m.plusMonths(1)));
    }

    List<Slice> slices() {
        List<Slice> out = new ArrayList<>();
        for (YearMonth m = YearMonth.from(from.atZone(ZoneOffset.UTC)); start(m).isBefore(to); m = m.plusMonths(1)) {
            Instant a = start(m).isAfter(from) ? start(m) : from;
            Instant b = start(m.plusMonths(1)).isBefore(to) ? start(m.plusMonths(1)) : to;
            long monthSeconds = Duration.between(start(m), start(m.plusMonths(1))).getSeconds();
            out.add(new Slice(m, Duration.between(a, b).getSeconds(), monthSeconds));
        }
        return out;
    }

    /** The month, when the period is exactly one calendar month. */
    java.util.Optional<YearMonth> wholeMonth() {
        List<Slice> s = slices();
        return s.size() == 1 && s.getFirst().whole() ? java.util.Optional.of(s.getFirst().month()) : java.util.Optional.empty();
    }

    /** The sum of the monthly amount over the slices. */
    BigDecimal prorate(java.util.function.Function<YearMonth, BigDecimal> monthly) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Slice s : slices()) {
            sum = sum.add(s.of(monthly.apply(s.month())));
        }
        return sum;
    }

    static Instant start(YearMonth m) {
        return m.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
