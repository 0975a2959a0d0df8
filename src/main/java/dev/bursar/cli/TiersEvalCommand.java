package dev.bursar.cli;

import dev.bursar.config.ConfigException;
import dev.bursar.config.ConfigLoader;
import dev.bursar.tiers.AnswersFile;
import dev.bursar.tiers.EvalGateway;
import dev.bursar.tiers.GoldenFile;
import dev.bursar.tiers.GoldenLine;
import dev.bursar.tiers.TierEval;
import dev.bursar.tiers.TierReport;
import dev.bursar.tiers.TierReportCsv;
import dev.bursar.tiers.TierReportJson;
import dev.bursar.tiers.TierReportTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bursar tiers eval}: sends a golden set through a running gateway to each candidate model, scores the answers
 * and reports quality, the gap to the best, cost per 1,000 calls and the failures by category and tag. Exit 0 when
 * the report is printed, 2 for bad input (nothing is sent), 1 when the gateway cannot be reached or refuses the key.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Run a golden set (JSONL) through the gateway to each candidate model and compare them.")
public final class TiersEvalCommand implements Callable<Integer> {

    enum Format { table, json, csv }

    @Option(names = "--golden", required = true, paramLabel = "FILE.jsonl",
            description = "one prompt per line: id, prompt|messages, expected|expected_regex, category, tags, max_tokens")
    Path golden;

    @Option(names = "--candidates", required = true, split = ",", paramLabel = "MODEL[,MODEL...]",
            description = "the models to compare, as clients name them to the gateway")
    List<String> candidates;

    @Option(names = "--judge", paramLabel = "MODEL", description = "grades answers of prompts without an expected answer")
    String judge;

    @Option(names = "--pass-grade", defaultValue = "7",
            description = "the lowest judge grade (1-10) that is not a failure (default: ${DEFAULT-VALUE})")
    int passGrade;

    @Option(names = "--format", defaultValue = "table", description = "table, json or csv (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--url", description = "the gateway's root (default: $BURSAR_URL, then http://127.0.0.1:<server.port of the config>)")
    String url;

    @Option(names = "--key", description = "the virtual key to call with (default: $BURSAR_API_KEY; none in open mode)")
    String key;

    @Option(names = "--config", paramLabel = "FILE", description = "bursar.yaml, for the default --url (default: $BURSAR_CONFIG, then ./bursar.yaml)")
    String config;

    @Option(names = "--concurrency", defaultValue = "4", description = "calls in flight at once (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--feature", defaultValue = "tiers-eval",
            description = "the feature tag of the eval's calls, so its spend shows apart in the ledger (default: ${DEFAULT-VALUE})")
    String feature;

    @Option(names = "--timeout", defaultValue = "120", description = "seconds to wait for one answer (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Option(names = "--answers", paramLabel = "FILE.jsonl",
            description = "also write every answer (with its score, the judge's reply, any error and cost) to this file")
    Path answers;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    public TiersEvalCommand() {
        this(System.getenv());
    }

    TiersEvalCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TierEval.Plan plan;
        EvalGateway.Target target;
        try {
            plan = plan(GoldenFile.read(golden));
            target = new EvalGateway.Target(baseUrl(), key != null ? key : blankToNull(env.get("BURSAR_API_KEY")),
                    feature, Duration.ofSeconds(timeoutSeconds));
        } catch (IllegalArgumentException | ConfigException e) {
            err.println("bursar tiers eval: " + e.getMessage());
            return 2;
        }
        try (EvalGateway gateway = new EvalGateway(target)) {
            var results = new TierEval(gateway).run(plan, done -> progress(err, done, plan.calls()));
            TierReport report = TierReport.of(golden.toString(), plan, results);
            if (answers != null) {
                AnswersFile.write(answers, results);
            }
            out.print(switch (format) {
                case table -> TierReportTable.render(report);
                case json -> TierReportJson.render(report);
                case csv -> TierReportCsv.render(report);
            });
            out.flush();
            return 0;
        } catch (EvalGateway.Unusable e) {
            err.println("bursar tiers eval: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("bursar tiers eval: cannot write --answers " + answers + ": " + e.getMessage());
            return 1;
        }
    }

    private TierEval.Plan plan(List<GoldenLine> lines) {
        List<String> models = candidates.stream().map(String::strip).filter(m -> !m.isEmpty()).toList();
        if (models.isEmpty()) {
            throw new IllegalArgumentException("--candidates names no model");
        }
        if (new LinkedHashSet<>(models).size() != models.size()) {
            throw new IllegalArgumentException("--candidates names a model twice: " + String.join(",", models));
        }
        if (concurrency < 1 || timeoutSeconds < 1) {
            throw new IllegalArgumentException("--concurrency and --timeout must be at least 1");
        }
        if (passGrade < 1 || passGrade > 10) {
            throw new IllegalArgumentException("--pass-grade must be from 1 to 10, got " + passGrade);
        }
        if (feature.isBlank()) {
            throw new IllegalArgumentException("--feature must not be empty");
        }
        if (answers != null) {
            Path folder = answers.toAbsolutePath().getParent();
            if (folder == null || !java.nio.file.Files.isDirectory(folder) || !java.nio.file.Files.isWritable(folder)) {
                throw new IllegalArgumentException("--answers " + answers + ": its folder does not exist or cannot be written");
            }
        }
        String judgeModel = blankToNull(judge);
        List<GoldenLine> unscored = lines.stream().filter(l -> l.expected().isEmpty()).toList();
        if (judgeModel == null && !unscored.isEmpty()) {
            throw new IllegalArgumentException(golden + ": " + unscored.size() + " prompt(s) have no expected or expected_regex"
                    + " (first: line " + unscored.getFirst().lineNo() + ", id " + unscored.getFirst().id()
                    + "); pass --judge MODEL to grade them, or give each an expected answer");
        }
        return new TierEval.Plan(lines, models, judgeModel, passGrade, concurrency);
    }

    private URI baseUrl() {
        String base = url != null ? url : blankToNull(env.get("BURSAR_URL"));
        if (base == null) {
            base = "http://127.0.0.1:" + ConfigLoader.resolve(config, env).server().port();
        }
        URI uri;
        try {
            uri = URI.create(base.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--url '" + base + "' is not a URL");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("--url '" + base + "' must be an http(s) URL like http://127.0.0.1:8080");
        }
        return uri;
    }

    /** A line on stderr at every tenth of a long run. */
    private static void progress(PrintWriter err, int done, int total) {
        if (total >= 50 && done % (total / 10) == 0) {
            synchronized (err) {
                err.println("bursar tiers eval: " + done + " of " + total + " prompts done");
                err.flush();
            }
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
