package dev.bursar.tiers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a golden set: JSONL, one prompt per line (blank lines and lines starting with {@code #} skipped):
 *
 * <pre>{"id": "q1", "prompt": "Capital of France?", "expected": "Paris", "category": "facts", "tags": ["geo"]}
 * {"id": "q2", "messages": [{"role": "user", "content": "2+2?"}], "expected_regex": "^\\s*4\\b", "max_tokens": 20}
 * {"id": "q3", "system": "Be brief.", "prompt": "Explain DNS.", "category": "explain"}</pre>
 *
 * Every bad line is reported with its number before anything is sent, so a typo costs no calls.
 */
public final class GoldenFile {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KEYS = Set.of("id", "prompt", "system", "messages", "expected", "expected_regex",
            "category", "tags", "max_tokens");
    private static final int MAX_REPORTED = 20;

    private GoldenFile() {
    }

    /** The golden set in {@code file}; a {@link GoldenFileException} lists every bad line (the first 20). */
    public static List<GoldenLine> read(Path file) {
        List<String> text;
        try {
            text = Files.readAllLines(file);
        } catch (IOException e) {
            throw new GoldenFileException("cannot read " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    static List<GoldenLine> parse(List<String> text, String source) {
        List<GoldenLine> lines = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < text.size(); i++) {
            String raw = text.get(i).strip();
            if (raw.isEmpty() || raw.startsWith("#")) {
                continue;
            }
            int lineNo = i + 1;
            try {
                GoldenLine line = line(raw, lineNo);
                Integer first = ids.putIfAbsent(line.id(), lineNo);
                if (first != null) {
                    throw new IllegalArgumentException("id '" + line.id() + "' was already used on line " + first);
                }
                lines.add(line);
            } catch (IllegalArgumentException e) {
                errors.add(source + " line " + lineNo + ": " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            String shown = String.join("\n", errors.subList(0, Math.min(MAX_REPORTED, errors.size())));
            throw new GoldenFileException(errors.size() > MAX_REPORTED
                    ? shown + "\n(" + (errors.size() - MAX_REPORTED) + " more bad lines)" : shown);
        }
        if (lines.isEmpty()) {
            throw new GoldenFileException(source + ": no prompts (one JSON object per line)");
        }
        return List.copyOf(lines);
    }

    private static GoldenLine line(String raw, int lineNo) {
        JsonNode node;
        try {
            node = JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode o)) {
            throw new IllegalArgumentException("not a JSON object");
        }
        o.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("unknown key '" + k + "' (known: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        });
        String id = o.has("id") ? id(o.get("id")) : "line-" + lineNo;
        ArrayNode messages = messages(o);
        Optional<Expected> expected = expected(o);
        String category = o.has("category") ? nonEmptyText(o.get("category"), "category") : null;
        List<String> tags = tags(o.get("tags"));
        Integer maxTokens = null;
        if (o.has("max_tokens")) {
            JsonNode m = o.get("max_tokens");
            if (!m.canConvertToInt() || !m.isIntegralNumber() || m.asInt() < 1) {
                throw new IllegalArgumentException("max_tokens must be a whole number of at least 1, got " + m);
            }
            maxTokens = m.asInt();
        }
        return new GoldenLine(id, lineNo, messages, expected, category, tags, maxTokens);
    }

    private static String id(JsonNode id) {
        if (id.isTextual() && !id.asText().isBlank() || id.isIntegralNumber()) {
            return id.asText().strip();
        }
        throw new IllegalArgumentException("id must be a non-empty string or a whole number, got " + id);
    }

    private static ArrayNode messages(ObjectNode o) {
        if (o.has("prompt") == o.has("messages")) {
            throw new IllegalArgumentException("give exactly one of prompt (the user's text) or messages (a chat)");
        }
        if (o.has("prompt")) {
            ArrayNode messages = JSON.createArrayNode();
            if (o.has("system")) {
                messages.addObject().put("role", "system").put("content", nonEmptyText(o.get("system"), "system"));
            }
            messages.addObject().put("role", "user").put("content", nonEmptyText(o.get("prompt"), "prompt"));
            return messages;
        }
        if (o.has("system")) {
            throw new IllegalArgumentException("system goes with prompt; with messages, put a system message first");
        }
        JsonNode m = o.get("messages");
        if (!(m instanceof ArrayNode list) || list.isEmpty()) {
            throw new IllegalArgumentException("messages must be a non-empty array of {role, content}");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode msg = list.get(i);
            if (!msg.path("role").isTextual() || !msg.has("content")) {
                throw new IllegalArgumentException("messages[" + i + "] needs a role (text) and a content");
            }
        }
        return list;
    }

    private static Optional<Expected> expected(ObjectNode o) {
        if (o.has("expected") && o.has("expected_regex")) {
            throw new IllegalArgumentException("give expected or expected_regex, not both");
        }
        if (o.has("expected")) {
            JsonNode e = o.get("expected");
            if (e.isNumber()) {
                return Optional.of(new Expected.Exact(e.asText()));
            }
            return Optional.of(new Expected.Exact(nonEmptyText(e, "expected")));
        }
        if (o.has("expected_regex")) {
            String regex = nonEmptyText(o.get("expected_regex"), "expected_regex");
            try {
                return Optional.of(new Expected.Regex(Pattern.compile(regex)));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("expected_regex is not a valid regular expression: " + e.getDescription());
            }
        }
        return Optional.empty();
    }

    private static List<String> tags(JsonNode tags) {
        if (tags == null) {
            return List.of();
        }
        if (!tags.isArray()) {
            throw new IllegalArgumentException("tags must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode t : tags) {
            String tag = nonEmptyText(t, "each tag");
            if (!out.contains(tag)) {
                out.add(tag);
            }
        }
        return out;
    }

    private static String nonEmptyText(JsonNode node, String what) {
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new IllegalArgumentException(what + " must be a non-empty string, got " + node);
        }
        return node.asText();
    }
}
