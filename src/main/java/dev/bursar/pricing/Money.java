package dev.bursar.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Exact USD amounts at a fixed scale of 12 decimals (picodollars). SQLite has no decimal type, so it stores the
 * integer number of picodollars; PostgreSQL stores NUMERIC(38,12). Both dialects refuse an amount that is not exact
 * at this scale, so the same event is accepted or refused by either backend, and nothing is ever rounded.
 */
public final class Money {
    public static final int SCALE = 12;
    public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(SCALE);

    private Money() {
    }

    /** The amount at scale 12; throws if it would need rounding. */
    public static BigDecimal exact(BigDecimal usd, String what) {
        if (usd == null) {
            throw new IllegalArgumentException(what + " is required (use BigDecimal.ZERO for no cost)");
        }
        BigDecimal scaled;
        try {
            scaled = usd.setScale(SCALE, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(what + " " + usd.toPlainString()
                    + " is finer than 1e-12 USD; the ledger stores exact picodollars and will not round it", e);
        }
        if (scaled.unscaledValue().bitLength() > 63) {
            // One row's amount must fit SQLite's 64-bit integer of picodollars (about 9.2 million USD); both
            // backends apply the same limit so an event is accepted by either or by neither.
            throw new IllegalArgumentException(what + " " + usd.toPlainString() + " exceeds the per-row limit of "
                    + fromPicos(Long.MAX_VALUE).toPlainString() + " USD");
        }
        return scaled;
    }

    public static long toPicos(BigDecimal usd, String what) {
        return exact(usd, what).unscaledValue().longValueExact();
    }

    public static BigDecimal fromPicos(long picos) {
        return BigDecimal.valueOf(picos, SCALE);
    }

    /** Plain decimal text without trailing zeros ("0.0000375", "5000", "0"), for JSON and CSV. */
    public static String plain(BigDecimal usd) {
        return usd.signum() == 0 ? "0" : usd.stripTrailingZeros().toPlainString();
    }
}
