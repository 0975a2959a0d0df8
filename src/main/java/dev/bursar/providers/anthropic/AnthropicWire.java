package dev.bursar.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bursar.providers.ProviderError;
import dev.bursar.providers.ProviderException;
import dev.bursar.providers.UpstreamErrorText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Facts about Anthropic's Messages wire shared by the adapter's parts: constants, stop reasons, error bodies. */
final class AnthropicWire {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
    static final String MESSAGES_PATH = "/v1/messages";
    static final String DEFAULT_VERSION = "2023-06-01";

    private AnthropicWire() {
    }

    /** Anthropic's {@code stop_reason} in OpenAI's {@code finish_reason} vocabulary. */
    static String finishReasonToOpenAi(String stopReason) {
        if (stopReason == null) {
            return null;
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop"; // end_turn, stop_sequence, pause_turn
        };
    }

    /** The error of a non-2xx answer: Anthropic's {@code {"type":"error","error":{"type","message"}}} body. */
    static ProviderException httpError(String provider, int status, byte[] body, java.util.Map<String, String> headers) {
        String raw = new String(body, StandardCharsets.UTF_8);
        String message = UpstreamErrorText.describe(parseQuietly(raw).path("error"), "type")
                .orElseGet(() -> UpstreamErrorText.fallback(status, raw));
        return new ProviderException(ProviderError.fromStatus(provider, status, message, raw), headers);
    }

    /**
     * The error carried by an {@code event: error} in a stream that already answered 200. Its {@code error.type}
     * stands for the status Anthropic would have answered before the stream began, so the kind (and whether a
     * retry may help) is the same as for that status.
     */
    static ProviderError streamError(String provider, String rawData) {
        JsonNode error = parseQuietly(rawData).path("error");
        String message = UpstreamErrorText.describe(error, "type").orElse(rawData);
        int status = statusOf(error.path("type").asText(""));
        return ProviderError.fromStatus(provider, status, "stream failed mid-way: " + message, rawData);
    }

    static int statusOf(String errorType) {
        return switch (errorType) {
            case "invalid_request_error" -> 400;
            case "authentication_error" -> 401;
            case "billing_error" -> 402;
            case "permission_error" -> 403;
            case "not_found_error" -> 404;
            case "request_too_large" -> 413;
            case "rate_limit_error" -> 429;
            case "timeout_error" -> 504;
            case "overloaded_error" -> 529;
            default -> 500; // api_error and anything new
        };
    }

    static JsonNode parseQuietly(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node == null ? JSON.missingNode() : node;
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }
}
