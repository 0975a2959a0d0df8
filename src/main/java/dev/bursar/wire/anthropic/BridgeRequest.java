package dev.bursar.wire.anthropic;

import dev.bursar.wire.BadRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Anthropic Messages request -> OpenAI chat request: the top-level fields, tools and tool choice. Fields with no
 * OpenAI equivalent ({@code top_k}, {@code thinking}, {@code cache_control}, ...) are left out, since an OpenAI
 * server would reject them.
 */
final class BridgeRequest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private BridgeRequest() {
    }

    static ObjectNode toOpenAi(ObjectNode in) {
        ObjectNode out = NODES.objectNode();
        if (in.hasNonNull("model")) {
            out.set("model", in.get("model"));
        }
        ArrayNode messages = out.putArray("messages");
        systemMessage(in.get("system"), messages);
        BridgeMessages.convert(in.get("messages"), messages);
        out.put("max_tokens", maxTokens(in.get("max_tokens")));
        copyNumber(in, "temperature", out);
        copyNumber(in, "top_p", out);
        stopSequences(in.get("stop_sequences"), out);
        if (in.path("stream").asBoolean(false)) {
            out.put("stream", true);
            // The bridge needs the usage to write message_delta; OpenAI only sends it when asked.
            out.putObject("stream_options").put("include_usage", true);
        }
        JsonNode userId = in.path("metadata").get("user_id");
        if (userId != null && userId.isTextual()) {
            out.put("user", userId.asText());
        }
        tools(in, out);
        return out;
    }

    private static void systemMessage(JsonNode system, ArrayNode messages) {
        if (system == null || system.isNull()) {
            return;
        }
        String text;
        if (system.isTextual()) {
            text = system.asText();
        } else if (system.isArray()) {
            StringBuilder joined = new StringBuilder();
            for (JsonNode block : system) {
                if (!"text".equals(block.path("type").asText()) || !block.path("text").isTextual()) {
                    throw BadRequest.of("invalid_request", null, "system: every block must be {\"type\":\"text\",\"text\":...}, got " + block);
                }
                joined.append(joined.isEmpty() ? "" : "\n").append(block.get("text").asText());
            }
            text = joined.toString();
        } else {
            throw BadRequest.of("invalid_request", null, "system must be a string or an array of text blocks");
        }
        messages.addObject().put("role", "system").put("content", text);
    }

    private static int maxTokens(JsonNode maxTokens) {
        if (maxTokens == null || maxTokens.isNull()) {
            throw BadRequest.of("invalid_request", null, "max_tokens is required by the Anthropic Messages API: set it to the longest answer you accept");
        }
        if (!maxTokens.canConvertToInt() || !maxTokens.isIntegralNumber() || maxTokens.asInt() < 1) {
            throw BadRequest.of("invalid_request", null, "max_tokens must be a positive integer, got " + maxTokens);
        }
        return maxTokens.asInt();
    }

    private static void copyNumber(ObjectNode in, String field, ObjectNode out) {
        JsonNode value = in.get(field);
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isNumber()) {
            throw BadRequest.of("invalid_request", null, field + " must be a number, got " + value);
        }
        out.set(field, value);
    }

    private static void stopSequences(JsonNode stops, ObjectNode out) {
        if (stops == null || stops.isNull()) {
            return;
        }
        if (!stops.isArray()) {
            throw BadRequest.of("invalid_request", null, "stop_sequences must be an array of strings");
        }
        ArrayNode stop = out.putArray("stop");
        for (JsonNode s : stops) {
            if (!s.isTextual()) {
                throw BadRequest.of("invalid_request", null, "stop_sequences must be an array of strings, got " + s);
            }
            stop.add(s);
        }
    }

    private static void tools(ObjectNode in, ObjectNode out) {
        JsonNode tools = in.get("tools");
        boolean hasTools = tools != null && tools.isArray() && !tools.isEmpty();
        if (hasTools) {
            ArrayNode converted = out.putArray("tools");
            for (JsonNode tool : tools) {
                converted.add(tool(tool));
            }
        }
        JsonNode choice = in.get("tool_choice");
        if (choice == null || choice.isNull()) {
            return;
        }
        String type = choice.path("type").asText("");
        switch (type) {
            case "auto" -> out.put("tool_choice", "auto");
            case "any" -> out.put("tool_choice", "required");
            case "none" -> out.put("tool_choice", "none");
            case "tool" -> {
                String name = requiredText(choice, "name", "tool_choice");
                out.putObject("tool_choice").put("type", "function").putObject("function").put("name", name);
            }
            default -> throw BadRequest.of("invalid_request", null,
                    "tool_choice.type must be one of auto, any, tool, none; got '" + type + "'");
        }
        if (hasTools && choice.path("disable_parallel_tool_use").asBoolean(false)) {
            out.put("parallel_tool_calls", false);
        }
    }

    private static ObjectNode tool(JsonNode tool) {
        String type = tool.path("type").asText("custom");
        if (!type.equals("custom")) {
            throw BadRequest.of("invalid_request", null, "tool type '" + type + "' is an Anthropic server tool and cannot run on an"
                    + " OpenAI-compatible provider: route this request to an Anthropic model or remove the tool");
        }
        ObjectNode function = NODES.objectNode();
        function.put("name", requiredText(tool, "name", "tools[]"));
        if (tool.hasNonNull("description")) {
            function.set("description", tool.get("description"));
        }
        JsonNode schema = tool.get("input_schema");
        if (schema == null || !schema.isObject()) {
            throw BadRequest.of("invalid_request", null, "tools[] '" + tool.path("name").asText() + "' needs an input_schema object");
        }
        function.set("parameters", schema);
        ObjectNode out = NODES.objectNode();
        out.put("type", "function");
        out.set("function", function);
        return out;
    }

    static String requiredText(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw BadRequest.of("invalid_request", null, where + "." + field + " is required and must be a non-empty string");
        }
        return value.asText();
    }
}
