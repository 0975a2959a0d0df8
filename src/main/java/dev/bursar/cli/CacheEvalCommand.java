package dev.bursar.cli;

import dev.bursar.cache.semantic.LabelledPair;
import dev.bursar.cache.semantic.PairEvaluation;
import dev.bursar.cache.semantic.PairsFile;
import dev.bursar.cache.semantic.SemanticMatcher;
import dev.bursar.cache.semantic.SemanticThreshold;
import dev.bursar.embedding.MiniLmEmbedder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bursar cache eval --pairs FILE}: scores the semantic matcher, exactly as the gateway decides a hit (embedding,
 * cosine, threshold, near-miss guard), on labelled pairs. A hit on a pair labelled different is a false hit.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Score the semantic matcher on a labelled TSV/CSV of text_a, text_b, label (1/0 or true/false).")
final class CacheEvalCommand implements Callable<Integer> {

    enum Format { json, table }

    @Option(names = "--pairs", required = true, description = "TSV or CSV file: text_a, text_b, label; a header line is optional")
    Path pairs;

    @Option(names = "--threshold", description = "cosine threshold in (0, 1]; default: the shipped (threshold: auto) one")
    Float threshold;

    @Option(names = "--format", description = "json or table (default table)")
    Format format = Format.table;

    @Option(names = "--threads", description = "texts embedded at once (default: the number of CPUs)")
    Integer threads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<LabelledPair> rows;
        try {
            rows = PairsFile.read(pairs);
        } catch (IOException e) {
            err.println("bursar cache eval: cannot read " + pairs + ": " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("bursar cache eval: " + e.getMessage());
            return 2;
        }
        float t = threshold == null ? SemanticThreshold.shipped() : threshold;
        if (!(t > 0 && t <= 1)) {
            err.println("bursar cache eval: --threshold must be in (0, 1], got " + t);
            return 2;
        }
        SemanticMatcher matcher = new SemanticMatcher(new MiniLmEmbedder(), t);
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, threads);
        PairEvaluation.Scores s = PairEvaluation.scores(PairEvaluation.score(matcher, rows, n, done -> progress(err, done)), t);
        if (format == Format.json) {
            out.printf(Locale.ROOT, "{\"pairs\": %d, \"threshold\": %.4f, \"precision\": %.4f, \"recall\": %.4f, \"f1\": %.4f}%n",
                    s.pairs(), s.threshold(), s.precision(), s.recall(), s.f1());
        } else {
            out.printf(Locale.ROOT, "%-10s %9s %9s %9s %9s %9s %10s %10s%n", "PAIRS", "THRESHOLD", "PRECISION", "RECALL", "F1",
                    "HITS", "FALSE HITS", "DUPLICATES");
            out.printf(Locale.ROOT, "%-10d %9.4f %9.4f %9.4f %9.4f %9d %10d %10d%n", s.pairs(), s.threshold(), s.precision(),
                    s.recall(), s.f1(), s.hits(), s.falseHits(), s.duplicates());
        }
        out.flush();
        return 0;
    }

    /** A line on stderr every 10,000 texts: a large file takes minutes. */
    private static void progress(PrintWriter err, int embedded) {
        if (embedded % 10_000 == 0) {
            err.println("bursar cache eval: " + embedded + " texts embedded");
            err.flush();
        }
    }
}
