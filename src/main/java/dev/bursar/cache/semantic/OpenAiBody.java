package dev.bursar.cache.semantic;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads a chat-completions body's messages into a {@link SemanticQuery.Builder}. */
final class OpenAiBody {

    private OpenAiBody() {
    }

    /** False when the semantic cache must not answer: a tool result, a non-text part, an unknown role. */
    static boolean read(JsonNode body, SemanticQuery.Builder b) {
        for (JsonNode message : body.path("messages")) {
            String role = message.path("role").asText("");
            JsonNode content = message.path("content");
            switch (role) {
                case "system", "developer" -> {
                    String text = SemanticQuery.textOf(content, "text");
                    if (text == null) {
                        return false;
                    }
                    b.fixed("system", text);
                }
                case "user" -> {
                    String text = SemanticQuery.textOf(content, "text");
                    if (text == null) {
                        return false;
                    }
                    b.user(text);
                }
                case "assistant" -> {
                    String text = content.isMissingNode() || content.isNull() ? "" : SemanticQuery.textOf(content, "text");
                    b.fixed("assistant", (text == null ? content.toString() : text)
                            + message.path("tool_calls").toString() + message.path("function_call").toString());
                }
                default -> {
                    return false; // tool and function results, or a role this does not know
                }
            }
        }
        return true;
    }
}
