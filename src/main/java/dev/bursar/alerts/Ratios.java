package dev.bursar.alerts;

import dev.bursar.pricing.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Exact comparisons and display rounding for rule numbers. */
final class Ratios {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Ratios() {
    }

    /** {@code part / whole > percent / 100}, without dividing. */
    static boolean above(BigDecimal part, BigDecimal whole, BigDecimal percent) {
        return part.multiply(HUNDRED).compareTo(whole.multiply(percent)) > 0;
    }

    /** {@code part / whole} as a percentage with two decimals; zero when {@code whole} is zero. */
    static BigDecimal percentOf(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? BigDecimal.ZERO
                : part.multiply(HUNDRED).divide(whole, 2, RoundingMode.HALF_EVEN);
    }

    /** How many percent {@code value} is above {@code base}, two decimals. */
    static BigDecimal percentAbove(BigDecimal value, BigDecimal base) {
        return percentOf(value.subtract(base), base);
    }

    /** A dollar amount for messages: cents, or exact when smaller than a cent. */
    static String usd(BigDecimal v) {
        BigDecimal cents = v.setScale(2, RoundingMode.HALF_EVEN);
        return cents.signum() == 0 && v.signum() != 0 ? Money.plain(v) : cents.toPlainString();
    }
}
