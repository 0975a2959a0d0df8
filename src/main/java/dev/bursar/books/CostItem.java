package dev.bursar.books;

import dev.bursar.config.CostConfig;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/**
 * A cost outside the API bill: recurring ({@code monthlyUsd}) or one-off ({@code onceUsd}, booked in {@code from}),
 * in force from {@code from} to {@code to} (inclusive months; null is open).
 *
 * @param fromFile true for items written in bursar.yaml: read-only at run time
 */
public record CostItem(String name, String category, String label, BigDecimal monthlyUsd, BigDecimal onceUsd,
                       YearMonth from, YearMonth to, Allocation allocate, boolean fromFile) {

    public CostItem {
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("cost '" + name + "': 'to' (" + to + ") is before 'from' (" + from + ")");
        }
    }

    /** Validates the YAML/CLI/API form ({@link CostConfig} checks the shape) and reads its allocation and months. */
    public static CostItem of(CostConfig c, boolean fromFile) {
        return new CostItem(c.name(), c.category(), c.label(), c.monthlyUsd(), c.onceUsd(), month(c.from(), "from"),
                month(c.to(), "to"), Allocation.parse(c.allocate()), fromFile);
    }

    public CostConfig toConfig() {
        return new CostConfig(name, category, label, monthlyUsd, onceUsd, from == null ? null : from.toString(),
                to == null ? null : to.toString(), allocate.text());
    }

    /** What this item costs in {@code month}: nothing outside its range. */
    BigDecimal amountIn(YearMonth month) {
        if (onceUsd != null) {
            return month.equals(from) ? onceUsd : BigDecimal.ZERO;
        }
        boolean inForce = (from == null || !month.isBefore(from)) && (to == null || !month.isAfter(to));
        return inForce ? monthlyUsd : BigDecimal.ZERO;
    }

    static YearMonth month(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return YearMonth.parse(text.trim().length() > 7 ? text.trim().substring(0, 7) : text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + field + "' must be a month, YYYY-MM, got '" + text + "'");
        }
    }
}
