package dev.bursar.providers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** The human message in an upstream error body, shared by the adapters' own error-body readers. */
public final class UpstreamErrorText {

    private static final int MAX_TEXT = 500;

    private UpstreamErrorText() {
    }

    /**
     * {@code error.message} of an {@code {"error":{...}}} body, followed by the error's {@code kindField} in
     * brackets when it has one ({@code type} for Anthropic, {@code status} for Google); empty when no message.
     */
    public static Optional<String> describe(JsonNode error, String kindField) {
        if (!error.hasNonNull("message")) {
            return Optional.empty();
        }
        String message = error.get("message").asText();
        String kind = kindField == null ? "" : error.path(kindField).asText("");
        return Optional.of(kind.isEmpty() ? message : message + " (" + kind + ")");
    }

    /** For a body no reader understood: the status and the start of the text, or that the body was empty. */
    public static String fallback(int status, String rawBody) {
        if (rawBody == null || rawBody.isBlank()) {
            return "HTTP " + status + " with an empty body";
        }
        String text = rawBody.strip();
        return "HTTP " + status + ": " + (text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "..." : text);
    }
}
