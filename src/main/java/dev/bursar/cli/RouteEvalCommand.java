package dev.bursar.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.routing.learned.CostCurve;
import dev.bursar.routing.learned.CurvePlot;
import dev.bursar.routing.learned.RouterEval;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Score the shipped router on held-out prompts (5-fold cross-validation, folds by prompt hash): "
                + "APGR and CPT as RouteLLM defines them, beside random routing and the oracle.")
final class RouteEvalCommand implements Callable<Integer> {

    enum Format { json, table }

    @Option(names = "--benchmark", description = "mt-bench, gsm8k or mmlu (default: all three)")
    String benchmark;

    @Option(names = "--quality-target", description = "the quality target whose threshold strong_share is reported at (default 0.95)")
    double qualityTarget = 0.95;

    @Option(names = "--plot", description = "write the quality-against-cost plot as SVG; with several benchmarks, one file each (name-<benchmark>.svg)")
    Path plot;

    @Option(names = "--format", description = "json or table (default table)")
    Format format = Format.table;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> benchmarks = benchmark == null ? RouterEval.benchmarks() : List.of(benchmark);
        if (!RouterEval.benchmarks().containsAll(benchmarks)) {
            err.println("bursar route eval: --benchmark must be one of " + RouterEval.benchmarks() + ", got '" + benchmark + "'");
            return 2;
        }
        if (!(qualityTarget > 0 && qualityTarget <= 1)) {
            err.println("bursar route eval: --quality-target must be in (0, 1], got " + qualityTarget);
            return 2;
        }
        RouterEval eval = RouterEval.shipped();
        List<RouterEval.Result> results = benchmarks.stream().map(b -> eval.evaluate(b, qualityTarget)).toList();
        if (plot != null) {
            for (RouterEval.Result r : results) {
                Path file = results.size() == 1 ? plot : withSuffix(plot, r.benchmark());
                try {
                    Files.writeString(file, CurvePlot.svg(r), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    err.println("bursar route eval: cannot write " + file + ": " + e.getMessage());
                    return 1;
                }
            }
        }
        if (format == Format.json) {
            ObjectMapper json = new ObjectMapper();
            if (results.size() == 1) {
                out.println(json(json, results.getFirst()));
            } else {
                ArrayNode all = json.createArrayNode();
                results.forEach(r -> all.add(json(json, r)));
                out.println(all);
            }
        } else {
            table(out, results);
        }
        out.flush();
        return 0;
    }

    private static Path withSuffix(Path file, String benchmark) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot < 0 ? name : name.substring(0, dot);
        return file.resolveSibling(stem + "-" + benchmark + (dot < 0 ? ".svg" : name.substring(dot)));
    }

    private static ObjectNode json(ObjectMapper json, RouterEval.Result r) {
        ObjectNode n = json.createObjectNode();
        n.put("benchmark", r.benchmark());
        n.put("test_prompts", r.testPrompts());
        n.put("apgr", round(r.apgr()));
        n.put("cpt50", round(r.cpt50()));
        n.put("cpt80", round(r.cpt80()));
        n.put("strong_share", round(r.strongShare()));
        n.put("quality_target", r.qualityTarget());
        n.put("threshold", round(r.threshold()));
        n.put("quality", round(r.quality()));
        n.put("strong_quality", round(r.strongQuality()));
        n.put("weak_quality", round(r.weakQuality()));
        n.put("random_apgr", round(r.randomApgr()));
        n.put("random_apgr_sd", round(r.randomApgrSd()));
        n.put("oracle_apgr", round(r.oracleApgr()));
        ArrayNode curve = n.putArray("curve");
        for (CostCurve.Point p : r.curve()) {
            curve.addObject().put("strong_share", round(p.strongShare())).put("quality", round(p.quality()));
        }
        return n;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    private static void table(PrintWriter out, List<RouterEval.Result> results) {
        out.printf(Locale.ROOT, "%-9s %7s %7s %7s %7s %15s %8s %8s %8s %12s%n", "BENCHMARK", "PROMPTS", "APGR", "CPT50",
                "CPT80", "RANDOM APGR", "ORACLE", "STRONG%", "QUALITY", "AT TARGET");
        for (RouterEval.Result r : results) {
            out.printf(Locale.ROOT, "%-9s %7d %7.3f %6.1f%% %6.1f%% %8.3f ± %.3f %8.3f %7.1f%% %8.3f %12.2f%n",
                    r.benchmark(), r.testPrompts(), r.apgr(), r.cpt50() * 100, r.cpt80() * 100, r.randomApgr(),
                    r.randomApgrSd(), r.oracleApgr(), r.strongShare() * 100, r.quality(), r.qualityTarget());
        }
    }
}
