package dev.bursar.config;

import java.math.BigDecimal;
import java.util.Set;

/**
 * A cost outside the API bill (issue 11, part 1), as written under {@code costs:}. The books package gives it
 * meaning (how {@code allocate} spreads it over customers); here it is only checked for shape.
 *
 * @param name       unique among cost items
 * @param category   {@link #CATEGORIES}
 * @param label      free-form sub-label ("AWS", "RDS"), optional
 * @param monthlyUsd a recurring amount per calendar month
 * @param onceUsd    a one-off amount, booked in the month {@code from} names; either this or {@code monthlyUsd}
 * @param from       first month in force, YYYY-MM (optional: always)
 * @param to         last month in force, YYYY-MM, inclusive (optional: open-ended)
 * @param allocate   by-spend, by-requests, by-tokens, by-active-customers, fixed:acme=0.5,globex=0.5 or
 *                   unallocated (the default)
 */
public record CostConfig(String name, String category, String label, BigDecimal monthlyUsd, BigDecimal onceUsd,
                         String from, String to, String allocate) {

    public static final Set<String> CATEGORIES = Set.of("infrastructure", "monitoring", "storage", "engineering",
            "evaluation", "dev-test", "other");

    public CostConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
        if (category == null || !CATEGORIES.contains(category)) {
            throw new IllegalArgumentException("category must be one of " + CATEGORIES.stream().sorted().toList()
                    + ", got " + category + " (put finer names in 'label')");
        }
        if ((monthlyUsd == null) == (onceUsd == null)) {
            throw new IllegalArgumentException("cost '" + name + "' needs exactly one of monthly-usd or once-usd");
        }
        BigDecimal amount = monthlyUsd == null ? onceUsd : monthlyUsd;
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("cost '" + name + "': the amount cannot be negative");
        }
        if (onceUsd != null && from == null) {
            throw new IllegalArgumentException("cost '" + name + "': a one-off cost (once-usd) needs 'from', the month it is booked in");
        }
        allocate = allocate == null || allocate.isBlank() ? "unallocated" : allocate.trim();
    }
}
