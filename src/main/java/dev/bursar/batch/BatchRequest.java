package dev.bursar.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.wire.ApiError;
import java.util.List;

/** The body of {@code POST /v1/batches}, checked: OpenAI's fields and the values Bursar can run. */
public record BatchRequest(String inputFileId, String endpoint, String completionWindow, ObjectNode metadata) {

    public static final String CHAT = "/v1/chat/completions";
    public static final String EMBEDDINGS = "/v1/embeddings";
    static final List<String> ENDPOINTS = List.of(CHAT, EMBEDDINGS);

    /** @throws ApiError 400 naming the bad parameter */
    public static BatchRequest of(JsonNode body) {
        String file = text(body, "input_file_id");
        String endpoint = text(body, "endpoint");
        if (!ENDPOINTS.contains(endpoint)) {
            throw ApiError.badRequest("invalid_value", "endpoint", "endpoint must be one of " + ENDPOINTS
                    + " (got '" + endpoint + "').");
        }
        String window = text(body, "completion_window");
        if (!window.equals("24h")) {
            throw ApiError.badRequest("invalid_value", "completion_window",
                    "completion_window must be '24h' (got '" + window + "').");
        }
        JsonNode meta = body.get("metadata");
        if (meta != null && !meta.isNull() && !meta.isObject()) {
            throw ApiError.badRequest("invalid_type", "metadata", "metadata must be an object of strings.");
        }
        if (meta != null && meta.isObject()) {
            if (meta.size() > 16) {
                throw ApiError.badRequest("invalid_value", "metadata", "metadata may have at most 16 keys.");
            }
            for (JsonNode v : meta) {
                if (!v.isTextual() || v.asText().length() > 512) {
                    throw ApiError.badRequest("invalid_type", "metadata",
                            "metadata values must be strings of at most 512 characters.");
                }
            }
        }
        return new BatchRequest(file, endpoint, window, meta instanceof ObjectNode o ? o : null);
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            throw ApiError.badRequest("missing_required_parameter", field, "Missing required parameter: '" + field + "'.");
        }
        if (!v.isTextual()) {
            throw ApiError.badRequest("invalid_type", field, field + " must be a string.");
        }
        return v.asText();
    }
}
