package dev.bursar.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bursar.providers.ProviderError;
import dev.bursar.providers.ProviderException;
import dev.bursar.providers.UpstreamErrorText;
import java.util.Optional;
import java.io.IOException;

/** Google's error body: {@code {"error":{"code":429,"message":"...","status":"RESOURCE_EXHAUSTED"}}}. */
final class GeminiErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GeminiErrors() {
    }

    static ProviderException fromStatus(String provider, int status, String rawBody, java.util.Map<String, String> headers) {
        return new ProviderException(ProviderError.fromStatus(provider, status, message(status, rawBody), rawBody), headers);
    }

    static String message(int status, String rawBody) {
        try {
            JsonNode root = JSON.readTree(rawBody);
            // The non-SSE stream endpoint wraps errors in an array.
            JsonNode error = (root.isArray() ? root.path(0) : root).path("error");
            Optional<String> described = UpstreamErrorText.describe(error, "status");
            if (described.isPresent()) {
                return described.get();
            }
        } catch (IOException | RuntimeException notJson) {
            // fall through: not Google's error shape, report the status and the start of the body
        }
        String snippet = rawBody == null ? "" : rawBody.strip();
        return "Gemini answered HTTP " + status + (snippet.isEmpty() ? "" : ": "
                + snippet.substring(0, Math.min(200, snippet.length())));
    }
}
