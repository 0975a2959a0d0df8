package dev.bursar.books;

import dev.bursar.pricing.Money;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Splits an amount exactly in proportion to weights: every part is whole picodollars and the parts add up to the
 * amount to the last picodollar (largest remainders get the left-over picodollars, ties to the earlier weight).
 */
final class Apportion {

    private Apportion() {
    }

    /** Parts at scale 12; all zero (and the amount lost to the caller) when the weights add up to zero. */
    static List<BigDecimal> split(BigDecimal amount, List<BigDecimal> weights) {
        BigDecimal total = weights.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        List<BigDecimal> parts = new ArrayList<>(weights.size());
        if (total.signum() == 0) {
            weights.forEach(w -> parts.add(Money.ZERO));
            return parts;
        }
        BigInteger picos = amount.setScale(Money.SCALE, RoundingMode.HALF_EVEN).unscaledValue();
        BigDecimal p = new BigDecimal(picos);
        List<BigDecimal> remainders = new ArrayList<>(weights.size());
        BigInteger given = BigInteger.ZERO;
        List<BigInteger> floors = new ArrayList<>(weights.size());
        for (BigDecimal w : weights) {
            BigDecimal exact = p.multiply(w);
            BigInteger floor = exact.divide(total, 0, RoundingMode.FLOOR).toBigIntegerExact();
            floors.add(floor);
            remainders.add(exact.subtract(total.multiply(new BigDecimal(floor))));
            given = given.add(floor);
        }
        int left = picos.subtract(given).intValueExact();
        List<Integer> order = IntStream.range(0, weights.size()).boxed()
                .sorted(Comparator.comparing((Integer i) -> remainders.get(i)).reversed().thenComparing(i -> i)).toList();
        for (int k = 0; k < left; k++) {
            int i = order.get(k);
            floors.set(i, floors.get(i).add(BigInteger.ONE));
        }
        floors.forEach(f -> parts.add(new BigDecimal(f, Money.SCALE)));
        return parts;
    }

    /** {@code amount × numerator / denominator} rounded half-even to whole picodollars. */
    static BigDecimal scale(BigDecimal amount, long numerator, long denominator) {
        if (numerator == denominator) {
            return amount;
        }
        return amount.multiply(BigDecimal.valueOf(numerator))
                .divide(BigDecimal.valueOf(denominator), Money.SCALE, RoundingMode.HALF_EVEN);
    }
}
