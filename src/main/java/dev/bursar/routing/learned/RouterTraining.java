package dev.bursar.routing.learned;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.bursar.embedding.Embedder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Trains the shipped router from the shared evaluation data ({@code bursar route train}): every labelled prompt
 * embedded, five cross-validation models (each trained without one fold) that give every prompt a held-out score,
 * the calibration measured on those scores, and the serving model trained on everything.
 */
public final class RouterTraining {

    /**
     * The word pieces of a prompt the router reads: its last 128. The held-out APGR with 128 equals 256's within
     * 0.007 on every benchmark, and a long prompt embeds in about half the time.
     */
    public static final int WINDOW = 128;

    /** The benchmarks {@code bursar route eval} reports; RouterBench's tasks only train. */
    static final Set<String> EVALUATED = Set.of("mt-bench", "gsm8k", "mmlu");
    private static final List<String> ROUTERBENCH = List.of("arc_challenge_train", "arc_challenge_test", "mbpp_train",
            "mbpp_test", "winograde_train", "winograde_test");

    private RouterTraining() {
    }

    /** Every labelled prompt under the shared data folder ({@code routellm-evals/}, {@code routerbench-subset/}). */
    public static List<RouterExample> examples(Path data) {
        Path routellm = data.resolve("routellm-evals");
        List<RouterExample> all = new ArrayList<>();
        all.addAll(RouterData.mtBench(routellm));
        all.addAll(RouterData.gsm8k(routellm));
        all.addAll(RouterData.mmlu(routellm));
        for (String f : ROUTERBENCH) {
            all.addAll(RouterData.routerBench(data.resolve("routerbench-subset").resolve(f + ".csv")));
        }
        return all;
    }

    /** Trains and writes {@code learned-router.json} and the held-out set into {@code out}. */
    public static RouterModelFile train(Path data, Path out, Embedder embedder, int threads, Path cacheFile,
                                        PrintWriter log) throws IOException {
        List<RouterExample> examples = examples(data);
        log.printf("%d labelled prompts%n", examples.size());
        EmbeddingCache cache = EmbeddingCache.open(cacheFile, embedder.name() + "@" + embedder.maxTokens());
        List<float[]> vectors = cache.embedAll(examples.stream().map(RouterExample::text).toList(), embedder, threads);
        if (cacheFile != null) {
            cache.save(cacheFile);
        }
        double[][] x = new double[examples.size()][];
        double[] y = new double[examples.size()];
        int[] fold = new int[examples.size()];
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < x.length; i++) {
            RouterExample e = examples.get(i);
            x[i] = RouterFeatures.of(vectors.get(i), e.text().length());
            y[i] = e.weakFallsShort() ? 1 : 0;
            fold[i] = Folds.of(e.text());
            counts.merge(e.benchmark(), 1, Integer::sum);
        }
        List<RouterModelFile.Weights> folds = new ArrayList<>();
        double[] heldOut = new double[x.length];
        for (int f = 0; f < Folds.COUNT; f++) {
            LogisticModel m = fitWithout(x, y, fold, f);
            folds.add(RouterModelFile.Weights.of(m));
            for (int i = 0; i < x.length; i++) {
                if (fold[i] == f) {
                    heldOut[i] = m.probability(x[i]);
                }
            }
            log.printf("fold %d trained%n", f);
        }
        LogisticModel serving = LogisticTrainer.fit(x, y, LogisticTrainer.L2);
        RouterModelFile file = new RouterModelFile(RouterModelFile.FORMAT, embedder.name(), embedder.maxTokens(),
                LogisticTrainer.L2, counts,
                RouterModelFile.Weights.of(serving), folds, Calibrations.measure(examples, heldOut));
        Files.createDirectories(out);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(out.resolve("learned-router.json").toFile(), file);
        List<HeldOutSet.Item> items = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            RouterExample e = examples.get(i);
            if (EVALUATED.contains(e.benchmark())) {
                items.add(new HeldOutSet.Item(e.benchmark(), e.id(), fold[i], e.strong(), e.weak(), e.text().length(),
                        vectors.get(i)));
            }
        }
        try (OutputStream o = Files.newOutputStream(out.resolve("learned-router-heldout.bin.gz"))) {
            HeldOutSet.write(items, o);
        }
        return file;
    }

    private static LogisticModel fitWithout(double[][] x, double[] y, int[] fold, int f) {
        List<double[]> rows = new ArrayList<>();
        List<Double> labels = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (fold[i] != f) {
                rows.add(x[i]);
                labels.add(y[i]);
            }
        }
        return LogisticTrainer.fit(rows.toArray(double[][]::new),
                labels.stream().mapToDouble(Double::doubleValue).toArray(), LogisticTrainer.L2);
    }
}
