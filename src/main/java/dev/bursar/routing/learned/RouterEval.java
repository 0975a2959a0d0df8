package dev.bursar.routing.learned;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code bursar route eval}: the shipped recipe scored on prompts it was not trained on. Each held-out prompt is
 * scored by the cross-validation model of its fold (trained on everything outside that fold), and the scores give
 * RouteLLM's cost curve, APGR and CPT, beside random routing and the oracle.
 */
public final class RouterEval {

    /** Random routing is drawn this many times (seeded): its APGR is reported as mean and spread. */
    static final int RANDOM_RUNS = 200;

    /**
     * @param strongShare at the quality target's threshold, the share of this benchmark's prompts sent to the strong
     *                    model, and {@code quality} the mean grade they then got
     */
    public record Result(String benchmark, int testPrompts, double apgr, double cpt50, double cpt80,
                         double qualityTarget, double threshold, double strongShare, double quality,
                         double strongQuality, double weakQuality, double randomApgr, double randomApgrSd,
                         double oracleApgr, List<CostCurve.Point> curve, List<CostCurve.Point> oracle) {
    }

    private final RouterModelFile file;
    private final List<HeldOutSet.Item> items;

    RouterEval(RouterModelFile file, List<HeldOutSet.Item> items) {
        this.file = file;
        this.items = items;
    }

    public static RouterEval shipped() {
        return new RouterEval(LearnedRouter.modelFile(), HeldOutSet.shipped());
    }

    public Result evaluate(String benchmark, double qualityTarget) {
        List<HeldOutSet.Item> set = items.stream().filter(i -> i.benchmark().equals(benchmark)).toList();
        if (set.isEmpty()) {
            throw new IllegalArgumentException("no held-out prompts for '" + benchmark + "'");
        }
        List<LogisticModel> folds = file.folds().stream().map(RouterModelFile.Weights::toModel).toList();
        double[] scores = new double[set.size()];
        double[] strong = new double[set.size()];
        double[] weak = new double[set.size()];
        for (int i = 0; i < scores.length; i++) {
            HeldOutSet.Item it = set.get(i);
            scores[i] = folds.get(it.fold()).probability(RouterFeatures.of(it.embedding(), it.chars()));
            strong[i] = it.strong();
            weak[i] = it.weak();
        }
        CostCurve curve = new CostCurve(strong, weak);
        List<CostCurve.Point> routed = curve.routed(scores);
        double threshold = Calibrations.threshold(file.calibration(), qualityTarget);
        int toStrong = 0;
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean s = scores[i] >= threshold;
            toStrong += s ? 1 : 0;
            sum += s ? strong[i] : weak[i];
        }
        double[] random = curve.randomApgr(RANDOM_RUNS, 0);
        List<CostCurve.Point> oracle = curve.oracle();
        return new Result(benchmark, set.size(), curve.apgr(routed), curve.callsToReach(routed, 0.5),
                curve.callsToReach(routed, 0.8), qualityTarget, threshold, (double) toStrong / scores.length,
                sum / scores.length, curve.strongQuality(), curve.weakQuality(), random[0], random[1],
                curve.apgr(oracle), routed, oracle);
    }

    /** The benchmarks with held-out prompts, in the order the issue names them. */
    public static List<String> benchmarks() {
        return new ArrayList<>(List.of("mt-bench", "gsm8k", "mmlu"));
    }
}
