package dev.bursar.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The lines of a batch input file, read one at a time (a 200 MB file is never held whole). A line is
 * {@code {"custom_id": "...", "method": "POST", "url": "<the batch's endpoint>", "body": {...}}}; blank lines are
 * skipped and do not count.
 */
final class InputLines {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** OpenAI's limit on the requests of one batch. */
    static final int MAX_LINES = 50_000;
    private static final int MAX_ERRORS = 100;

    /** One parsed line; {@code index} counts from 0 over the non-blank lines. */
    record Line(int index, String customId, ObjectNode body) {
    }

    @FunctionalInterface
    interface Visitor {
        /** Returns false to stop reading. */
        boolean line(Line line);
    }

    private InputLines() {
    }

    /** Every valid line in order; lines that do not parse are passed over (validation refused them already). */
    static void each(Path file, Visitor visitor) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String s;
            int index = 0;
            while ((s = r.readLine()) != null) {
                if (s.isBlank()) {
                    continue;
                }
                JsonNode n = JSON.readTree(s);
                Line line = new Line(index++, n.path("custom_id").asText(), (ObjectNode) n.get("body"));
                if (!visitor.line(line)) {
                    return;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What validation found: the line count, and OpenAI's {@code errors} object (null when the file is valid). */
    record Checked(int lines, ObjectNode errors) {
    }

    /** Checks every line as OpenAI's validation step does; collects up to 100 errors, each naming its line (from 1). */
    static Checked check(Path file, String endpoint) {
        ObjectNode errors = JSON.createObjectNode();
        errors.put("object", "list");
        ArrayNode data = errors.putArray("data");
        Set<String> ids = new HashSet<>();
        int count = 0;
        int lineNo = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String s;
            while ((s = r.readLine()) != null) {
                lineNo++;
                if (s.isBlank()) {
                    continue;
                }
                count++;
                String problem = problem(s, endpoint, ids);
                if (problem != null && data.size() < MAX_ERRORS) {
                    ObjectNode e = data.addObject();
                    e.put("code", "invalid_request");
                    e.put("message", problem);
                    e.putNull("param");
                    e.put("line", lineNo);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (count == 0) {
            data.addObject().put("code", "empty_file").put("message", "The input file has no requests.").putNull("param")
                    .putNull("line");
        }
        if (count > MAX_LINES) {
            data.addObject().put("code", "too_many_requests").put("message", "A batch may have at most " + MAX_LINES
                    + " requests; this file has " + count + ".").putNull("param").putNull("line");
        }
        return new Checked(count, data.isEmpty() ? null : errors);
    }

    private static String problem(String s, String endpoint, Set<String> ids) {
        JsonNode n;
        try {
            n = JSON.readTree(s);
        } catch (IOException e) {
            return "This line is not valid JSON.";
        }
        if (n == null || !n.isObject()) {
            return "Each line must be a JSON object.";
        }
        JsonNode id = n.get("custom_id");
        if (id == null || !id.isTextual() || id.asText().isEmpty()) {
            return "custom_id must be a non-empty string.";
        }
        if (!ids.add(id.asText())) {
            return "The custom_id '" + id.asText() + "' is used by an earlier line; custom ids must be unique.";
        }
        if (!"POST".equals(n.path("method").asText())) {
            return "method must be POST.";
        }
        if (!endpoint.equals(n.path("url").asText())) {
            return "url must be the batch's endpoint, " + endpoint + " (got '" + n.path("url").asText() + "').";
        }
        JsonNode body = n.get("body");
        if (body == null || !body.isObject()) {
            return "body must be a JSON object.";
        }
        if (!body.path("model").isTextual()) {
            return "body.model must be a string.";
        }
        return null;
    }
}
