package dev.bursar.planning;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The few roundings planning needs; everything else is exact BigDecimal arithmetic. */
final class Decimals {

    static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    static final int QUOTIENT_SCALE = 12;

    private Decimals() {
    }

    /** A quotient at 12 decimals (half-even), trailing zeros dropped: 200 / 0.004 is 50000, 2000 / 300 6.666666666667. */
    static BigDecimal divide(BigDecimal a, BigDecimal b) {
        return strip(a.divide(b, QUOTIENT_SCALE, RoundingMode.HALF_EVEN));
    }

    /** The smallest whole number at least {@code a / b}. */
    static BigDecimal ceilDivide(BigDecimal a, BigDecimal b) {
        return a.divide(b, 0, RoundingMode.CEILING);
    }

    /** {@code part / whole} in percent at 2 decimals (half-up, as people round percentages). */
    static BigDecimal percent(BigDecimal part, BigDecimal whole) {
        return part.multiply(HUNDRED).divide(whole, 2, RoundingMode.HALF_UP);
    }

    /** USD for {@code tokens} at a price per million tokens, exact. */
    static BigDecimal usd(BigDecimal tokens, BigDecimal usdPerMillion) {
        return strip(tokens.multiply(usdPerMillion).movePointLeft(6));
    }

    static BigDecimal strip(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    static BigDecimal of(long n) {
        return BigDecimal.valueOf(n);
    }

    static void requirePositive(BigDecimal v, String flag) {
        if (v == null || v.signum() <= 0) {
            throw new IllegalArgumentException(flag + " must be greater than 0" + (v == null ? " (it is required)" : ", got " + v.toPlainString()));
        }
    }

    static void requireNonNegative(BigDecimal v, String flag) {
        if (v == null || v.signum() < 0) {
            throw new IllegalArgumentException(flag + " must be 0 or more" + (v == null ? " (it is required)" : ", got " + v.toPlainString()));
        }
    }

    static void requireFraction(BigDecimal v, String flag) {
        if (v == null || v.signum() < 0 || v.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException(flag + " must be a fraction from 0 to 1" + (v == null ? " (it is required)" : ", got " + v.toPlainString()));
        }
    }
}
