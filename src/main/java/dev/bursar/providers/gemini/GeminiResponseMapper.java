package dev.bursar.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.pricing.Usage;
import java.util.UUID;

/** A Gemini {@code GenerateContentResponse} as an OpenAI {@code chat.completion}. */
final class GeminiResponseMapper {

    private GeminiResponseMapper() {
    }

    static ObjectNode toOpenAi(JsonNode gemini, String upstreamModel, long created, Usage usage) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        String responseId = responseId(gemini);
        out.put("id", "chatcmpl-" + responseId);
        out.put("object", "chat.completion");
        GeminiUsage.number(out, "created", created);
        out.put("model", gemini.path("modelVersion").asText(upstreamModel));
        ArrayNode choices = out.putArray("choices");
        JsonNode candidates = gemini.path("candidates");
        if (candidates.isEmpty()) {
            blocked(choices);
        }
        int position = 0;
        for (JsonNode candidate : candidates) {
            int index = candidate.path("index").asInt(position++);
            JsonNode parts = candidate.path("content").path("parts");
            ObjectNode choice = choices.addObject();
            choice.put("index", index);
            ObjectNode message = choice.putObject("message");
            message.put("role", "assistant");
            String text = GeminiParts.text(parts);
            ArrayNode calls = GeminiParts.toolCalls(parts, responseId, index, 0);
            if (text.isEmpty() && !calls.isEmpty()) {
                message.putNull("content");
            } else {
                message.put("content", text);
            }
            if (!calls.isEmpty()) {
                calls.forEach(c -> ((ObjectNode) c).remove("index"));
                message.set("tool_calls", calls);
            }
            choice.putNull("logprobs");
            choice.put("finish_reason", GeminiFinish.toOpenAi(candidate.path("finishReason").asText(""), !calls.isEmpty()));
        }
        out.set("usage", GeminiUsage.openAi(usage));
        return out;
    }

    /** A prompt Gemini refused to answer (promptFeedback.blockReason) comes back without candidates. */
    private static void blocked(ArrayNode choices) {
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", "");
        choice.putNull("logprobs");
        choice.put("finish_reason", "content_filter");
    }

    static String responseId(JsonNode gemini) {
        return gemini.hasNonNull("responseId") ? gemini.get("responseId").asText()
                : UUID.randomUUID().toString().replace("-", "");
    }
}
