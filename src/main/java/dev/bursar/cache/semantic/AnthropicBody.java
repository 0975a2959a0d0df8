package dev.bursar.cache.semantic;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads a messages body's system prompt and messages into a {@link SemanticQuery.Builder}. */
final class AnthropicBody {

    private AnthropicBody() {
    }

    /** False when the semantic cache must not answer: a tool result, an image or document, an unknown role. */
    static boolean read(JsonNode body, SemanticQuery.Builder b) {
        JsonNode system = body.path("system");
        if (!system.isMissingNode() && !system.isNull()) {
            String text = SemanticQuery.textOf(system, "text");
            if (text == null) {
                return false;
            }
            b.fixed("system", text);
        }
        for (JsonNode message : body.path("messages")) {
            String role = message.path("role").asText("");
            JsonNode content = message.path("content");
            switch (role) {
                case "user" -> {
                    String text = SemanticQuery.textOf(content, "text");
                    if (text == null) {
                        return false;
                    }
                    b.user(text);
                }
                case "assistant" -> {
                    String text = SemanticQuery.textOf(content, "text");
                    b.fixed("assistant", text == null ? content.toString() : text);
                }
                default -> {
                    return false;
                }
            }
        }
        return true;
    }
}
