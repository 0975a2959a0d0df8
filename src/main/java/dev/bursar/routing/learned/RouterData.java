package dev.bursar.routing.learned;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bursar.csv.CsvReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the per-prompt quality labels the router learns from: RouteLLM's evaluation sets (GPT-4 vs Mixtral on
 * MT-Bench, GSM8K, MMLU; {@code routellm-evals/}) and RouterBench's 0-shot subset ({@code routerbench-subset/}, the
 * same two models' columns). Prompts RouteLLM lists as contaminated are dropped, as its own evaluation drops them, so
 * the counts match its README's check values.
 */
public final class RouterData {

    public static final String STRONG = "gpt-4-1106-preview";
    public static final String WEAK = "mistralai/Mixtral-8x7B-Instruct-v0.1";
    private static final String ROUTERBENCH_WEAK = "mistralai/mixtral-8x7b-chat";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RouterData() {
    }

    /** MT-Bench: one example per question, routed on its first turn, graded by the mean over both turns. */
    public static List<RouterExample> mtBench(Path routellm) {
        Path dir = routellm.resolve("mt_bench");
        Set<String> contaminated = contaminated(dir);
        Map<Integer, String> firstTurns = new LinkedHashMap<>();
        for (JsonNode q : jsonLines(dir.resolve("question.jsonl"))) {
            String t1 = q.path("turns").path(0).asText();
            String t2 = q.path("turns").path(1).asText();
            if (!contaminated.contains(t1) && !contaminated.contains(t2)) {
                firstTurns.put(q.path("question_id").asInt(), t1);
            }
        }
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (JsonNode j : jsonLines(dir.resolve("judgements.jsonl"))) {
            double score = j.path("score").asDouble();
            if (score < 0) {
                continue;   // the judge's answer could not be parsed
            }
            double[] s = sums.computeIfAbsent(j.path("question_id").asInt() + "/" + j.path("model").asText(),
                    k -> new double[2]);
            s[0] += score;
            s[1]++;
        }
        List<RouterExample> out = new ArrayList<>();
        firstTurns.forEach((id, text) -> {
            double[] strong = sums.get(id + "/" + STRONG);
            double[] weak = sums.get(id + "/" + WEAK);
            if (strong != null && weak != null) {
                out.add(new RouterExample("mt-bench", String.valueOf(id), text, strong[0] / strong[1], weak[0] / weak[1]));
            }
        });
        return out;
    }

    /** GSM8K test set: correct (1) or not (0) for each model. */
    public static List<RouterExample> gsm8k(Path routellm) {
        Path dir = routellm.resolve("gsm8k");
        return correctness("gsm8k", dir.resolve("gsm8k_responses.csv"), contaminated(dir));
    }

    /** MMLU test set, all 57 subjects: correct (1) or not (0) for each model. */
    public static List<RouterExample> mmlu(Path routellm) {
        Path dir = routellm.resolve("mmlu");
        Set<String> contaminated = contaminated(dir);
        List<RouterExample> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir.resolve("responses"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList()) {
                out.addAll(correctness("mmlu", f, contaminated));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** One RouterBench task file (train or test split): GPT-4 Turbo vs Mixtral, 1.0 / 0.0 scores. */
    public static List<RouterExample> routerBench(Path file) {
        List<List<String>> rows = csv(file);
        List<String> header = rows.get(0);
        int prompt = header.indexOf("prompt");
        int task = header.indexOf("eval_name");
        int strong = header.indexOf(STRONG);
        int weak = header.indexOf(ROUTERBENCH_WEAK);
        int id = header.indexOf("sample_id");
        List<RouterExample> out = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            if (row.size() < header.size() || row.get(strong).isBlank() || row.get(weak).isBlank()) {
                continue;   // a few rows lack a model's score
            }
            out.add(new RouterExample(row.get(task), row.get(id), PythonStrings.joined(row.get(prompt)),
                    Double.parseDouble(row.get(strong)), Double.parseDouble(row.get(weak))));
        }
        return out;
    }

    private static List<RouterExample> correctness(String benchmark, Path file, Set<String> contaminated) {
        List<List<String>> rows = csv(file);
        List<String> header = rows.get(0);
        int prompt = header.indexOf("prompt");
        int strong = header.indexOf(STRONG);
        int weak = header.indexOf(WEAK);
        List<RouterExample> out = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            String text = row.get(prompt);
            if (contaminated.contains(text)) {
                continue;
            }
            out.add(new RouterExample(benchmark, Folds.hash(text), text, truth(row.get(strong)), truth(row.get(weak))));
        }
        return out;
    }

    private static double truth(String cell) {
        return Boolean.parseBoolean(cell.strip()) ? 1 : 0;
    }

    private static Set<String> contaminated(Path dir) {
        Set<String> out = new HashSet<>();
        Path f = dir.resolve("contaminated_prompts.jsonl");
        if (Files.exists(f)) {
            jsonLines(f).forEach(j -> out.add(j.path("eval_prompt").asText()));
        }
        return out;
    }

    private static List<JsonNode> jsonLines(Path file) {
        try {
            List<JsonNode> out = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<List<String>> csv(Path file) {
        try {
            return CsvReader.rows(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
