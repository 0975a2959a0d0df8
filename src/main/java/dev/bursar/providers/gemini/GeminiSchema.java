package dev.bursar.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * Gemini's {@code Schema} is an OpenAPI subset: keywords it does not know ({@code additionalProperties},
 * {@code $schema}, {@code strict}, ...) make it reject the whole request, so JSON Schemas from OpenAI clients are
 * reduced to the keywords Gemini accepts.
 */
final class GeminiSchema {

    private static final Set<String> KEPT = Set.of("type", "format", "title", "description", "nullable", "enum",
            "maxItems", "minItems", "properties", "required", "minProperties", "maxProperties", "minLength",
            "maxLength", "pattern", "example", "anyOf", "propertyOrdering", "default", "items", "minimum", "maximum");

    private GeminiSchema() {
    }

    static JsonNode of(JsonNode schema) {
        if (!schema.isObject()) {
            return schema;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        schema.properties().forEach(e -> {
            String key = e.getKey();
            JsonNode value = e.getValue();
            if (!KEPT.contains(key)) {
                return;
            }
            switch (key) {
                case "properties" -> {
                    ObjectNode props = out.putObject("properties");
                    value.properties().forEach(p -> props.set(p.getKey(), of(p.getValue())));
                }
                case "items" -> out.set("items", of(value));
                case "anyOf" -> {
                    ArrayNode any = out.putArray("anyOf");
                    value.forEach(v -> any.add(of(v)));
                }
                case "type" -> typeOf(out, value);
                default -> out.set(key, value);
            }
        });
        return out;
    }

    /** JSON Schema allows {@code "type": ["string", "null"]}; Gemini wants one type plus {@code nullable}. */
    private static void typeOf(ObjectNode out, JsonNode type) {
        if (!type.isArray()) {
            out.set("type", type);
            return;
        }
        for (JsonNode t : type) {
            if ("null".equals(t.asText())) {
                out.put("nullable", true);
            } else if (!out.has("type")) {
                out.set("type", t);
            }
        }
    }
}
