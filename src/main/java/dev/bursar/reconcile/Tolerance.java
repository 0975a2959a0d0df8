package dev.bursar.reconcile;

import java.math.BigDecimal;

/**
 * How far apart the sides may be. A dollar difference is beyond tolerance when it exceeds both {@code usd} and
 * {@code pct} percent of the provider's amount (so neither cents on a small day nor a fraction of a percent on a big
 * one raise an alarm). Token counts have no dollar floor: a token class is beyond tolerance when it differs by more
 * than {@code pct} percent of the provider's count.
 */
public record Tolerance(BigDecimal pct, BigDecimal usd) {

    public static final Tolerance DEFAULT = new Tolerance(BigDecimal.ONE, new BigDecimal("0.01"));

    public Tolerance {
        if (pct.signum() < 0 || usd.signum() < 0) {
            throw new IllegalArgumentException("tolerances cannot be negative");
        }
    }

    boolean dollarsBeyond(BigDecimal diff, BigDecimal provider) {
        BigDecimal d = diff.abs();
        return d.compareTo(usd) > 0 && d.compareTo(share(provider)) > 0;
    }

    boolean tokensBeyond(long diff, long provider) {
        return BigDecimal.valueOf(Math.abs(diff)).compareTo(share(BigDecimal.valueOf(provider))) > 0;
    }

    private BigDecimal share(BigDecimal provider) {
        return provider.abs().multiply(pct).movePointLeft(2);
    }
}
