package dev.bursar.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.pricing.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Set;

/** Reads wire fixtures from {@code src/test/resources/golden/} and compares JSON as trees. */
public final class Golden {

    public static final ObjectMapper JSON = new ObjectMapper();

    private Golden() {
    }

    public static String text(String path) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden file golden/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode json(String path) {
        try {
            return (ObjectNode) JSON.readTree(text(path));
        } catch (IOException e) {
            throw new IllegalStateException("golden/" + path + " is not JSON", e);
        }
    }

    /** A usage fixture: {"input_tokens":…, "cached_input_tokens":…, "cache_write_5m_tokens":…, …}. */
    public static Usage usage(String path) {
        JsonNode n = json(path);
        return new Usage(n.path("input_tokens").asLong(), n.path("cached_input_tokens").asLong(),
                n.path("cache_write_5m_tokens").asLong(), n.path("cache_write_1h_tokens").asLong(),
                n.path("output_tokens").asLong(), n.path("reasoning_tokens").asLong());
    }

    /** A deep copy of {@code node} without the named fields, at any depth (ids and timestamps that vary per run). */
    public static JsonNode without(JsonNode node, Set<String> fields) {
        JsonNode copy = node.deepCopy();
        strip(copy, fields);
        return copy;
    }

    private static void strip(JsonNode node, Set<String> fields) {
        if (node.isObject()) {
            ((ObjectNode) node).remove(fields);
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                strip(it.next(), fields);
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                strip(child, fields);
            }
        }
    }
}
