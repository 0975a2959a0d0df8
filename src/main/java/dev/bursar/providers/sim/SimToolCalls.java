package dev.bursar.providers.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.Random;

/**
 * Chooses the tool a forced tool call uses and writes arguments that are valid for its JSON schema: every required
 * property gets a value of its type (enum values, strings from a word list, small numbers, nested required objects).
 */
final class SimToolCalls {

    private static final String[] WORDS = {"alpha", "harbor", "paris", "ledger", "report", "summer", "orbit", "cedar"};

    private SimToolCalls() {
    }

    /** The function the request forces ({@code tool_choice} {@code required} or a named function), if any. */
    static Optional<JsonNode> forcedFunction(JsonNode request, long seed) {
        JsonNode choice = request.path("tool_choice");
        JsonNode tools = request.path("tools");
        if (!tools.isArray() || tools.isEmpty()) {
            return Optional.empty();
        }
        if (choice.isObject()) {
            String name = choice.path("function").path("name").asText();
            for (JsonNode tool : tools) {
                if (tool.path("function").path("name").asText().equals(name)) {
                    return Optional.of(tool.path("function"));
                }
            }
            return Optional.empty();
        }
        if ("required".equals(choice.asText())) {
            return Optional.of(tools.get((int) Math.floorMod(seed, (long) tools.size())).path("function"));
        }
        return Optional.empty();
    }

    static ObjectNode arguments(JsonNode schema, Random random) {
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        JsonNode properties = schema.path("properties");
        for (JsonNode required : schema.path("required")) {
            String name = required.asText();
            args.set(name, value(properties.path(name), random));
        }
        return args;
    }

    private static JsonNode value(JsonNode schema, Random random) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        JsonNode en = schema.path("enum");
        if (en.isArray() && !en.isEmpty()) {
            return en.get(random.nextInt(en.size()));
        }
        JsonNode type = schema.path("type");
        String t = type.isArray() ? type.path(0).asText("string") : type.asText("string");
        return switch (t) {
            case "integer" -> f.numberNode(1 + random.nextInt(10));
            case "number" -> f.numberNode(1 + random.nextInt(100));
            case "boolean" -> f.booleanNode(random.nextBoolean());
            case "array" -> f.arrayNode();
            case "object" -> arguments(schema, random);
            case "null" -> f.nullNode();
            default -> f.textNode(WORDS[random.nextInt(WORDS.length)]);
        };
    }
}
