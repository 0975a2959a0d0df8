package dev.bursar.providers.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bursar.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Scripted answers for the sim ({@code sim: { script: FILE }}), so a test or a demo can decide what a model says to a
 * prompt: a golden set run through {@code bursar tiers eval} then has known right and wrong answers. One JSON object
 * per line, blank lines and lines starting with {@code #} skipped:
 *
 * <pre>{"match": "What is the capital of France?", "model": "gpt-4o-mini", "answer": "Lyon"}
 * {"match_regex": "capital of France", "answer": "Paris"}</pre>
 *
 * {@code match} is the last user message's text, compared exactly after trimming both; {@code match_regex} is found
 * anywhere in it (Java syntax). {@code model}, when given, is the upstream model the sim is asked for (case ignored).
 * The first line that matches wins; no line matching means the usual generated answer.
 */
final class SimScript {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KEYS = Set.of("match", "match_regex", "model", "answer");

    /** One scripted answer: {@code exact} or {@code pattern} is set, {@code model} may be null (any model). */
    record Line(String exact, Pattern pattern, String model, String answer) {

        boolean matches(String lastUserText, String upstreamModel) {
            if (model != null && !model.equalsIgnoreCase(upstreamModel)) {
                return false;
            }
            return exact != null ? exact.equals(lastUserText.strip()) : pattern.matcher(lastUserText).find();
        }
    }

    static final SimScript NONE = new SimScript(List.of());

    private final List<Line> lines;

    SimScript(List<Line> lines) {
        this.lines = List.copyOf(lines);
    }

    /** The script in {@code file}, or {@link #NONE} for null; a bad file fails the start, naming the line. */
    static SimScript load(String provider, String file) {
        if (file == null) {
            return NONE;
        }
        String where = "providers '" + provider + "' sim.script " + file;
        List<String> text;
        try {
            text = Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            throw new ConfigException(where + ": cannot read it: " + e.getMessage(), e);
        }
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            String raw = text.get(i).strip();
            if (!raw.isEmpty() && !raw.startsWith("#")) {
                lines.add(parse(raw, where + " line " + (i + 1)));
            }
        }
        return new SimScript(lines);
    }

    static Line parse(String raw, String where) {
        JsonNode node;
        try {
            node = JSON.readTree(raw);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ConfigException(where + ": not a JSON object: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new ConfigException(where + ": not a JSON object");
        }
        node.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                throw new ConfigException(where + ": unknown key '" + k + "' (known: answer, match, match_regex, model)");
            }
        });
        String exact = text(node, "match", where);
        String regex = text(node, "match_regex", where);
        String answer = text(node, "answer", where);
        if ((exact == null) == (regex == null)) {
            throw new ConfigException(where + ": give exactly one of match (the exact last user message) or match_regex");
        }
        if (answer == null) {
            throw new ConfigException(where + ": answer (the text the sim replies) is required");
        }
        Pattern pattern = null;
        if (regex != null) {
            try {
                pattern = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new ConfigException(where + ": match_regex is not a valid regular expression: " + e.getDescription());
            }
        }
        String model = text(node, "model", where);
        return new Line(exact == null ? null : exact.strip(), pattern,
                model == null ? null : model.toLowerCase(Locale.ROOT), answer);
    }

    private static String text(JsonNode node, String key, String where) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new ConfigException(where + ": " + key + " must be a string");
        }
        return v.asText();
    }

    /** The scripted answer to this prompt from this model, if a line matches. */
    Optional<String> answer(String lastUserText, String upstreamModel) {
        for (Line l : lines) {
            if (l.matches(lastUserText, upstreamModel)) {
                return Optional.of(l.answer());
            }
        }
        return Optional.empty();
    }
}
