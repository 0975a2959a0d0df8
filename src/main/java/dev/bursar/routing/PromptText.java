package dev.bursar.routing;

import com.fasterxml.jackson.databind.JsonNode;

/** The text a router looks at: the request's last user message, from either wire's body. */
public final class PromptText {

    private PromptText() {
    }

    /**
     * The last {@code user} message's text: a plain string, or its text parts joined by a newline (OpenAI's
     * {@code {"type":"text","text":...}} parts and Anthropic's text blocks have the same shape). Empty when there is
     * none.
     */
    public static String lastUserText(JsonNode body) {
        JsonNode messages = body.path("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode m = messages.get(i);
            if ("user".equals(m.path("role").asText())) {
                return text(m.path("content"));
            }
        }
        return "";
    }

    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asText())) {
                if (!out.isEmpty()) {
                    out.append('\n');
                }
                out.append(part.path("text").asText());
            }
        }
        return out.toString();
    }
}
