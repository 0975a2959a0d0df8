package dev.bursar.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Reads a candidate's parts: answer text (thought summaries left out) and function calls as OpenAI tool calls. */
final class GeminiParts {

    private GeminiParts() {
    }

    static String text(JsonNode parts) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : parts) {
            if (part.has("text") && !part.path("thought").asBoolean(false)) {
                sb.append(part.get("text").asText());
            }
        }
        return sb.toString();
    }

    /**
     * OpenAI tool calls for the {@code functionCall} parts, numbered from {@code firstIndex}. Gemini sends no call
     * id on most models, so one is derived from the response id, candidate and position: stable for a replay.
     */
    static ArrayNode toolCalls(JsonNode parts, String responseId, int candidate, int firstIndex) {
        ArrayNode calls = JsonNodeFactory.instance.arrayNode();
        int index = firstIndex;
        for (JsonNode part : parts) {
            JsonNode fc = part.path("functionCall");
            if (!fc.isObject()) {
                continue;
            }
            ObjectNode call = calls.addObject();
            call.put("index", index);
            call.put("id", fc.hasNonNull("id") ? fc.get("id").asText() : callId(responseId, candidate, index));
            call.put("type", "function");
            ObjectNode fn = call.putObject("function");
            fn.put("name", fc.path("name").asText());
            fn.put("arguments", fc.has("args") ? fc.get("args").toString() : "{}");
            index++;
        }
        return calls;
    }

    private static String callId(String responseId, int candidate, int index) {
        String seed = responseId + "/" + candidate + "/" + index;
        return "call_" + UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "").substring(0, 24);
    }
}
