package dev.bursar.cache.semantic;

import dev.bursar.embedding.MiniLmEmbedder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The semantic cache's evaluation, from the command line (bench/semantic-eval.sh runs it):
 *
 * <pre>
 *   pairs SHARED OUT     writes quora-calibration.tsv, quora-heldout.tsv, mrpc.tsv, stsb.tsv into OUT
 *   sweep FILE           precision / recall per threshold on a pairs file, with and without the guard
 *   calibrate FILE       the threshold by the shipped rule (see {@link #choose}) on a pairs file
 *   contextual SHARED [T] MeanCache's contextual set through a real SemanticIndex (at threshold T, default shipped)
 * </pre>
 */
public final class SemanticEvalTool {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "pairs" -> pairs(Path.of(args[1]), Path.of(args[2]));
            case "sweep" -> sweep(Path.of(args[1]));
            case "calibrate" -> calibrate(Path.of(args[1]));
            case "contextual" -> ContextualEval.print(Path.of(args[1]).resolve(EvalData.MEANCACHE),
                    args.length > 2 ? Float.parseFloat(args[2]) : SemanticThreshold.shipped());
            default -> throw new IllegalArgumentException("pairs | sweep | contextual");
        }
    }

    static void pairs(Path shared, Path out) throws Exception {
        Files.createDirectories(out);
        EvalData.writeTsv(EvalData.quora(shared.resolve(EvalData.QUORA), true), out.resolve("quora-calibration.tsv"));
        EvalData.writeTsv(EvalData.quora(shared.resolve(EvalData.QUORA), false), out.resolve("quora-heldout.tsv"));
        EvalData.writeTsv(EvalData.mrpc(shared.resolve(EvalData.MRPC)), out.resolve("mrpc.tsv"));
        EvalData.writeTsv(EvalData.stsb(shared.resolve(EvalData.STSB)), out.resolve("stsb.tsv"));
        System.out.println("wrote quora-calibration.tsv quora-heldout.tsv mrpc.tsv stsb.tsv to " + out);
    }

    /**
     * Scores, with the similarities of an earlier run of the same file reused (FILE.cos): calibrating the guard then
     * takes seconds, not minutes. The guard always runs on the texts anew.
     */
    static List<PairEvaluation.Scored> cachedScores(Path file, List<LabelledPair> pairs) throws Exception {
        Path cache = Path.of(file + ".cos");
        if (Files.exists(cache)) {
            List<String> lines = Files.readAllLines(cache);
            if (lines.size() == pairs.size()) {
                List<PairEvaluation.Scored> out = new java.util.ArrayList<>();
                for (int i = 0; i < pairs.size(); i++) {
                    String[] f = lines.get(i).split("\t");
                    LabelledPair p = pairs.get(i);
                    out.add(new PairEvaluation.Scored(p, new Comparison(Float.parseFloat(f[0]), f[1].equals("1"),
                            NearMissGuard.disagreement(NearMissGuard.details(p.a()), NearMissGuard.details(p.b())))));
                }
                return out;
            }
        }
        SemanticMatcher matcher = new SemanticMatcher(new MiniLmEmbedder(), SemanticThreshold.shipped());
        long t0 = System.nanoTime();
        List<PairEvaluation.Scored> scored = PairEvaluation.score(matcher, pairs, Runtime.getRuntime().availableProcessors(), n -> { });
        System.out.printf("%d pairs scored in %.1f s%n", pairs.size(), (System.nanoTime() - t0) / 1e9);
        StringBuilder out = new StringBuilder();
        for (PairEvaluation.Scored s : scored) {
            out.append(s.comparison().similarity()).append('\t').append(s.comparison().sameFixedPart() ? 1 : 0).append('\n');
        }
        Files.writeString(cache, out);
        return scored;
    }

    static final float FROM = 0.80f;
    static final float STEP = 0.0025f;
    static final int MIN_HITS = 100;
    static final double TOLERANCE = 0.01;

    /**
     * The calibration rule: the best precision reached at any threshold with at least {@value #MIN_HITS} hits (fewer
     * say little), then the lowest threshold from which precision stays within {@value #TOLERANCE} of it at every
     * higher threshold: as safe as the matcher gets on this set, with the most recall that safety allows.
     */
    static float choose(List<PairEvaluation.Scored> scored) {
        int steps = Math.round((1 - FROM) / STEP);
        double best = 0;
        for (int i = 0; i <= steps; i++) {
            PairEvaluation.Scores s = PairEvaluation.scores(scored, FROM + i * STEP);
            if (s.hits() >= MIN_HITS) {
                best = Math.max(best, s.precision());
            }
        }
        float chosen = 1f;
        for (int i = steps; i >= 0; i--) {
            PairEvaluation.Scores s = PairEvaluation.scores(scored, FROM + i * STEP);
            if (s.hits() >= MIN_HITS && s.precision() < best - TOLERANCE) {
                break;
            }
            chosen = FROM + i * STEP;
        }
        return Math.round(chosen * 10_000) / 10_000f;
    }

    static void calibrate(Path file) throws Exception {
        List<PairEvaluation.Scored> scored = cachedScores(file, PairsFile.read(file));
        float t = choose(scored);
        PairEvaluation.Scores s = PairEvaluation.scores(scored, t);
        System.out.printf(java.util.Locale.ROOT, "threshold=%.4f%n# on %s: %d pairs, precision %.4f, recall %.4f, %d hits, %d false%n",
                t, file.getFileName(), s.pairs(), s.precision(), s.recall(), s.hits(), s.falseHits());
    }

    static void sweep(Path file) throws Exception {
        List<LabelledPair> pairs = PairsFile.read(file);
        List<PairEvaluation.Scored> scored = cachedScores(file, pairs);
        List<PairEvaluation.Scored> unguarded = scored.stream()
                .map(s -> new PairEvaluation.Scored(s.pair(), new Comparison(s.comparison().similarity(), s.comparison().sameFixedPart(), null)))
                .toList();
        System.out.println("threshold | guarded: precision recall hits false | cosine only: precision recall hits false");
        for (int i = 0; i <= 80; i++) {
            float t = 0.80f + i * 0.0025f;
            PairEvaluation.Scores g = PairEvaluation.scores(scored, t);
            PairEvaluation.Scores u = PairEvaluation.scores(unguarded, t);
            System.out.printf("%.4f | %.4f %.4f %d %d | %.4f %.4f %d %d%n", t, g.precision(), g.recall(), g.hits(), g.falseHits(),
                    u.precision(), u.recall(), u.hits(), u.falseHits());
        }
        if (System.getenv("SHOW_FALSE") != null) {
            float t = Float.parseFloat(System.getenv("SHOW_FALSE"));
            for (PairEvaluation.Scored s : scored) {
                if (!s.pair().duplicate() && s.comparison().hit(t)) {
                    System.out.printf("FALSE %.3f | %s | %s%n", s.comparison().similarity(), s.pair().a(), s.pair().b());
                }
            }
            for (PairEvaluation.Scored s : scored) {
                if (s.pair().duplicate() && s.comparison().similarity() >= t && s.comparison().refusal() != null) {
                    System.out.printf("REFUSED %.3f %s | %s | %s%n", s.comparison().similarity(), s.comparison().refusal(), s.pair().a(), s.pair().b());
                }
            }
        }
    }
}
