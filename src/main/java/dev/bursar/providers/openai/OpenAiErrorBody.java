package dev.bursar.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.providers.UpstreamErrorText;
import java.io.IOException;
import java.util.Optional;

/**
 * Finds the human message in an error body. OpenAI answers {@code {"error":{"message","type","param","code"}}};
 * compatible servers vary ({@code {"error":"..."}} from Ollama, {@code {"detail":...}} or {@code {"message":...}}
 * from FastAPI-based servers), and proxies may answer plain text.
 */
final class OpenAiErrorBody {

    private OpenAiErrorBody() {
    }

    static String message(int status, String rawBody) {
        if (rawBody == null || rawBody.isBlank()) {
            return UpstreamErrorText.fallback(status, rawBody);
        }
        try {
            JsonNode root = OpenAiClient.JSON.readTree(rawBody);
            JsonNode error = root.path("error");
            Optional<String> described = UpstreamErrorText.describe(error, null);
            if (described.isPresent()) {
                return described.get();
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
        return UpstreamErrorText.fallback(status, rawBody);
    }
}
