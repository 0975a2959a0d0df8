package dev.bursar.routing.learned;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Quality against cost for a two-model router, and RouteLLM's summary numbers of it (Ong et al., 2024, and its
 * {@code evals/evaluate.py}): the router's scores are cut at the 0, 10, ..., 100% quantiles; at each cut the prompts
 * scoring at or above it go to the strong model (above it, at the last cut) and the quality is the mean grade the
 * chosen models got. APGR is the area under that curve between the weak and the strong model's quality, as a share
 * of the whole gap; CPT(x) is the share of strong calls at which the curve first reaches x of the gap.
 */
public final class CostCurve {

    /** One point: the share of calls sent to the strong model and the mean quality then. */
    public record Point(double strongShare, double quality) {
    }

    private static final int CUTS = 10;

    private final double[] strong;
    private final double[] weak;
    private final double strongQuality;
    private final double weakQuality;

    public CostCurve(double[] strong, double[] weak) {
        if (strong.length != weak.length || strong.length == 0) {
            throw new IllegalArgumentException("need one strong and one weak grade per prompt");
        }
        this.strong = strong.clone();
        this.weak = weak.clone();
        this.strongQuality = mean(strong);
        this.weakQuality = mean(weak);
    }

    public double strongQuality() {
        return strongQuality;
    }

    public double weakQuality() {
        return weakQuality;
    }

    /** The router's curve, sorted by strong share. */
    public List<Point> routed(double[] scores) {
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        List<Point> points = new ArrayList<>();
        for (int c = 0; c <= CUTS; c++) {
            double cut = quantile(sorted, (double) c / CUTS);
            boolean last = c == CUTS;
            int toStrong = 0;
            double sum = 0;
            for (int i = 0; i < scores.length; i++) {
                boolean s = last ? scores[i] > cut : scores[i] >= cut;
                toStrong += s ? 1 : 0;
                sum += s ? strong[i] : weak[i];
            }
            points.add(new Point((double) toStrong / scores.length, sum / scores.length));
        }
        points.sort(Comparator.comparingDouble(Point::strongShare).thenComparingDouble(Point::quality));
        return points;
    }

    /** Average performance gap recovered: 0 is the weak model's quality throughout, 1 the strong one's. */
    public double apgr(List<Point> curve) {
        double span = curve.getLast().strongShare() - curve.getFirst().strongShare();
        double area = 0;
        for (int i = 1; i < curve.size(); i++) {
            Point a = curve.get(i - 1);
            Point b = curve.get(i);
            area += (b.strongShare() - a.strongShare()) * (a.quality() + b.quality()) / 2;
        }
        return (area - weakQuality * span) / ((strongQuality - weakQuality) * span);
    }

    /** The smallest share of strong calls at which the curve reaches {@code gapShare} of the gap (linear in between). */
    public double callsToReach(List<Point> curve, double gapShare) {
        double target = weakQuality + gapShare * (strongQuality - weakQuality);
        for (int i = 0; i < curve.size(); i++) {
            Point b = curve.get(i);
            if (b.quality() >= target) {
                if (i == 0) {
                    return b.strongShare();
                }
                Point a = curve.get(i - 1);
                double t = (target - a.quality()) / (b.quality() - a.quality());
                return a.strongShare() + t * (b.strongShare() - a.strongShare());
            }
        }
        return 1;
    }

    /** Random routing's APGR over {@code runs} seeded draws: mean and standard deviation. */
    public double[] randomApgr(int runs, long seed) {
        Random random = new Random(seed);
        double[] values = new double[runs];
        for (int r = 0; r < runs; r++) {
            double[] scores = new double[strong.length];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = random.nextDouble();
            }
            values[r] = apgr(routed(scores));
        }
        double m = mean(values);
        double var = 0;
        for (double v : values) {
            var += (v - m) * (v - m);
        }
        return new double[] {m, Math.sqrt(var / runs)};
    }

    /** The oracle: the strong model only where it beats the weak one, largest gains first (0, 10, ..., 100% of calls). */
    public List<Point> oracle() {
        Integer[] order = new Integer[strong.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> weak[i] - strong[i]));
        List<Point> points = new ArrayList<>();
        for (int c = 0; c <= CUTS; c++) {
            int budget = (int) (strong.length * ((double) c / CUTS));
            double sum = 0;
            int used = 0;
            for (int k = 0; k < order.length; k++) {
                int i = order[k];
                boolean s = used < budget && strong[i] > weak[i];
                used += s ? 1 : 0;
                sum += s ? strong[i] : weak[i];
            }
            points.add(new Point((double) c / CUTS, sum / strong.length));
        }
        return points;
    }

    /** Linear interpolation between order statistics, as numpy's and pandas' default quantile. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }
}
