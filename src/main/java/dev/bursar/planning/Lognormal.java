package dev.bursar.planning;

import java.util.SplittableRandom;

/**
 * A lognormal distribution fitted to a mean and a 95th percentile: token counts and daily volumes are positive and
 * right-skewed, and these two numbers are what people know about them. Statistics only: money stays BigDecimal.
 *
 * <p>mean = e^(μ + σ²/2), p95 = e^(μ + zσ) with z = 1.6449 give σ = z - sqrt(z² - 2 ln(p95 / mean)) (the root with the
 * smaller spread), so p95 may be at most e^(z²/2) ≈ 3.87 × the mean.
 */
record Lognormal(double mu, double sigma, double mean) {

    static final double Z95 = 1.6448536269514722;

    static Lognormal fit(double mean, double p95, String what) {
        if (!(mean > 0) || p95 < mean) {
            throw new IllegalArgumentException(what + ": the p95 (" + p95 + ") must be at least the mean (" + mean
                    + "), and the mean above 0");
        }
        double disc = Z95 * Z95 - 2 * Math.log(p95 / mean);
        if (disc < 0) {
            throw new IllegalArgumentException(what + ": a p95 of " + p95 + " is more than " + String.format("%.2f",
                    Math.exp(Z95 * Z95 / 2)) + " × the mean " + mean + ", which no lognormal distribution has;"
                    + " give a lower p95 or a higher mean");
        }
        double sigma = Z95 - Math.sqrt(disc);
        return new Lognormal(Math.log(mean) - sigma * sigma / 2, sigma, mean);
    }

    /** A point mass: the value is always the mean. */
    static Lognormal constant(double value) {
        return new Lognormal(Math.log(Math.max(value, Double.MIN_NORMAL)), 0, value);
    }

    double variance() {
        return (Math.exp(sigma * sigma) - 1) * mean * mean;
    }

    double sample(SplittableRandom random) {
        return sigma == 0 ? mean : Math.exp(mu + sigma * Normal.sample(random));
    }

    /** Standard normal draws (Box-Muller), from the caller's seeded generator. */
    static final class Normal {
        private Normal() {
        }

        static double sample(SplittableRandom random) {
            double u = 1.0 - random.nextDouble(); // (0, 1]: log(0) cannot happen
            return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
        }
    }
}
