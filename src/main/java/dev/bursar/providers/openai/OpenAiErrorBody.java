package dev.bursar.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * Finds the human message in an error body. OpenAI answers {@code {"error":{"message","type","param","code"}}};
 * compatible servers vary ({@code {"error":"..."}} from Ollama, {@code {"detail":...}} or {@code {"message":...}}
 * from FastAPI-based servers), and proxies may answer plain text.
 */
final class OpenAiErrorBody {

    private static final int MAX_TEXT = 500;

    private OpenAiErrorBody() {
    }

    static String message(int status, String rawBody) {
        if (rawBody == null || rawBody.isBlank()) {
            return "HTTP " + status + " with an empty body";
        }
        try {
            JsonNode root = OpenAiClient.JSON.readTree(rawBody);
            JsonNode error = root.path("error");
            if (error.hasNonNull("message")) {
                return error.get("message").asText();
            }
            for (JsonNode candidate : new JsonNode[] {error, root.path("message"), root.path("detail")}) {
                if (candidate.isTextual()) {
                    return candidate.asText();
                }
                if (candidate.isContainerNode() && !candidate.isEmpty()) {
                    return candidate.toString();
                }
            }
        } catch (IOException notJson) {
            // fall through: show the start of the text
        }
        String text = rawBody.strip();
        return "HTTP " + status + ": " + (text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "..." : text);
    }
}
