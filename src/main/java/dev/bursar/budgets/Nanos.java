package dev.bursar.budgets;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Redis counts in integer nanodollars (1e-9 USD): Lua compares numbers as doubles, exact up to 2^53 units, which
 * at this unit is about 9 million USD per window. Spend and reservations round up to the next nanodollar (a counter
 * is at most 1e-9 USD per call above the exact sum, never below); limits round down.
 */
final class Nanos {
    static final int SCALE = 9;
    static final long MAX = 1L << 53;

    private Nanos() {
    }

    static long up(BigDecimal usd) {
        return checked(usd.movePointRight(SCALE).setScale(0, RoundingMode.CEILING).longValueExact(), usd);
    }

    static long down(BigDecimal usd) {
        return checked(usd.movePointRight(SCALE).setScale(0, RoundingMode.FLOOR).longValueExact(), usd);
    }

    static BigDecimal usd(long nanos) {
        return BigDecimal.valueOf(nanos, SCALE);
    }

    private static long checked(long nanos, BigDecimal usd) {
        if (nanos >= MAX) {
            throw new IllegalArgumentException("budget amount " + usd.toPlainString() + " USD is above what the Redis"
                    + " counters hold exactly (" + usd(MAX).toPlainString() + " USD per window); use a smaller limit or window");
        }
        return nanos;
    }
}
