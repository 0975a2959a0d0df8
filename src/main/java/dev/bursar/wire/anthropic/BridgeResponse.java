package dev.bursar.wire.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.pricing.Usage;
import dev.bursar.wire.OpenAiUsage;

/** OpenAI chat.completion -> Anthropic message. Only the first choice is used: Anthropic has no {@code n}. */
final class BridgeResponse {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BridgeResponse() {
    }

    static ObjectNode toAnthropic(ObjectNode in, String clientModel, Usage fallback) {
        JsonNode choice = in.path("choices").path(0);
        if (!choice.isObject()) {
            throw new IllegalArgumentException("the OpenAI response has no choices[0] to turn into an Anthropic message");
        }
        JsonNode message = choice.path("message");
        ObjectNode out = JSON.createObjectNode();
        out.put("id", BridgeVocabulary.messageId(in.path("id").asText(null)));
        out.put("type", "message");
        out.put("role", "assistant");
        out.put("model", clientModel);
        ArrayNode content = out.putArray("content");
        addText(content, message.get("content"));
        boolean refused = message.path("refusal").isTextual();
        if (refused) {
            addText(content, message.get("refusal"));
        }
        for (JsonNode call : message.path("tool_calls")) {
            content.add(toolUse(call));
        }
        String finish = choice.path("finish_reason").asText(null);
        out.put("stop_reason", refused ? "refusal" : BridgeVocabulary.stopReason(finish));
        out.putNull("stop_sequence");
        Usage usage = OpenAiUsage.parse(in.get("usage")).orElse(fallback == null ? Usage.ZERO : fallback);
        out.set("usage", BridgeVocabulary.usage(usage));
        return out;
    }

    /** Content is a string on OpenAI; some compatible servers send an array of text parts. */
    private static void addText(ArrayNode content, JsonNode text) {
        StringBuilder joined = new StringBuilder();
        if (text != null && text.isTextual()) {
            joined.append(text.asText());
        } else if (text != null && text.isArray()) {
            for (JsonNode part : text) {
                joined.append(part.path("text").asText(""));
            }
        }
        if (!joined.isEmpty()) {
            content.addObject().put("type", "text").put("text", joined.toString());
        }
    }

    private static ObjectNode toolUse(JsonNode call) {
        JsonNode function = call.path("function");
        String name = function.path("name").asText("");
        ObjectNode block = JSON.createObjectNode();
        block.put("type", "tool_use");
        block.put("id", call.path("id").asText(""));
        block.put("name", name);
        JsonNode arguments = function.get("arguments");
        block.set("input", arguments(arguments != null && arguments.isTextual() ? arguments.asText() : "", name));
        return block;
    }

    static JsonNode arguments(String arguments, String toolName) {
        if (arguments.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode input = JSON.readTree(arguments);
            if (input.isObject()) {
                return input;
            }
        } catch (JsonProcessingException e) {
            // reported below with the text, so the cause is visible without a stack trace
        }
        throw new IllegalArgumentException("the provider called tool '" + toolName
                + "' with arguments that are not a JSON object: " + abbreviate(arguments));
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
