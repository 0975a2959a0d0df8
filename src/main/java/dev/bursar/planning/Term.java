package dev.bursar.planning;

import java.math.BigDecimal;

/**
 * One named number of a calculation, an input or a result. Names carry their unit ({@code _usd}, {@code _tokens},
 * {@code _pct}, {@code _queries}) so the JSON needs no separate unit field.
 *
 * @param name    snake_case, the JSON key
 * @param value   exact where the arithmetic is (sums and products of the inputs); a quotient is rounded to 12
 *                decimals, a percentage to 2, a statistical estimate (p50, p95) to cents
 * @param meaning one line for the table
 */
public record Term(String name, BigDecimal value, String meaning) {
    public Term {
        if (name == null || name.isBlank() || value == null) {
            throw new IllegalArgumentException("a term needs a name and a value");
        }
    }
}
