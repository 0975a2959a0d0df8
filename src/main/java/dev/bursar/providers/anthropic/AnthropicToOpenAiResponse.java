package dev.bursar.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.pricing.Usage;

/**
 * An Anthropic message -> an OpenAI {@code chat.completion}. Text blocks join into {@code content}; {@code tool_use}
 * blocks become {@code tool_calls} with their input as a JSON string. Thinking blocks have no place in OpenAI's
 * chat shape and are left out (their tokens are still in the output count and billed).
 */
final class AnthropicToOpenAiResponse {

    private AnthropicToOpenAiResponse() {
    }

    static ObjectNode translate(JsonNode message, Usage usage, long createdEpochSeconds) {
        ObjectNode out = AnthropicWire.JSON.createObjectNode();
        out.put("id", message.path("id").asText());
        out.put("object", "chat.completion");
        AnthropicWire.putCount(out, "created", createdEpochSeconds);
        out.put("model", message.path("model").asText());
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("message", assistantMessage(message.path("content")));
        choice.putNull("logprobs");
        choice.put("finish_reason", AnthropicWire.finishReasonToOpenAi(message.path("stop_reason").asText(null)));
        out.set("usage", AnthropicUsage.toOpenAi(usage));
        return out;
    }

    private static ObjectNode assistantMessage(JsonNode blocks) {
        StringBuilder text = new StringBuilder();
        boolean sawText = false;
        ArrayNode calls = AnthropicWire.JSON.createArrayNode();
        for (JsonNode block : blocks) {
            switch (block.path("type").asText("")) {
                case "text" -> {
                    sawText = true;
                    text.append(block.path("text").asText(""));
                }
                case "tool_use" -> {
                    ObjectNode call = calls.addObject();
                    call.put("id", block.path("id").asText());
                    call.put("type", "function");
                    call.putObject("function")
                            .put("name", block.path("name").asText())
                            .put("arguments", block.path("input").toString());
                }
                default -> { } // thinking, redacted_thinking, server tool blocks
            }
        }
        ObjectNode message = AnthropicWire.JSON.createObjectNode().put("role", "assistant");
        if (sawText) {
            message.put("content", text.toString());
        } else {
            message.putNull("content");
        }
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
        message.putNull("refusal");
        return message;
    }
}
