package dev.bursar.routing.learned;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a quality target into a threshold. The curve is measured on held-out scores (each prompt scored by the fold
 * model that never saw it): at each threshold, each benchmark's routed quality as a share of its strong model's, then
 * the mean over benchmarks so that MMLU's 14,000 prompts do not outvote MT-Bench's 72.
 */
final class Calibrations {

    private static final int STEPS = 200;

    private Calibrations() {
    }

    /** The curve from the highest threshold (every prompt to the weak model) down to 0 (every prompt to the strong one). */
    static List<RouterModelFile.Calibration> measure(List<RouterExample> examples, double[] heldOutScores) {
        Map<String, List<Integer>> byBenchmark = new TreeMap<>();
        for (int i = 0; i < examples.size(); i++) {
            byBenchmark.computeIfAbsent(examples.get(i).benchmark(), b -> new ArrayList<>()).add(i);
        }
        double[] sorted = heldOutScores.clone();
        Arrays.sort(sorted);
        List<RouterModelFile.Calibration> out = new ArrayList<>();
        for (int step = STEPS; step >= 0; step--) {
            double threshold = step == STEPS ? Math.nextUp(sorted[sorted.length - 1])
                    : CostCurve.quantile(sorted, (double) step / STEPS);
            double share = 0;
            double ratio = 0;
            for (List<Integer> members : byBenchmark.values()) {
                double routed = 0;
                double strong = 0;
                int toStrong = 0;
                for (int i : members) {
                    boolean s = heldOutScores[i] >= threshold;
                    RouterExample e = examples.get(i);
                    routed += s ? e.strong() : e.weak();
                    strong += e.strong();
                    toStrong += s ? 1 : 0;
                }
                share += (double) toStrong / members.size();
                ratio += routed / strong;
            }
            out.add(new RouterModelFile.Calibration(threshold, share / byBenchmark.size(), ratio / byBenchmark.size()));
        }
        return out;
    }

    /**
     * The highest threshold (fewest strong calls) whose expected quality reaches the target; a target no threshold
     * reaches sends everything to the strong model (threshold 0).
     */
    static double threshold(List<RouterModelFile.Calibration> curve, double qualityTarget) {
        for (RouterModelFile.Calibration c : curve) {
            if (c.qualityRatio() >= qualityTarget) {
                return c.threshold();
            }
        }
        return 0;
    }
}
