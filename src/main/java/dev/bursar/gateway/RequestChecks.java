package dev.bursar.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.wire.ApiError;
import dev.bursar.wire.BadRequest;
import dev.bursar.wire.ClientWire;

/** Checks of the request shape that every provider would refuse anyway, answered before any token is bought. */
final class RequestChecks {

    private static final int MAX_MODEL_NAME = 256;

    private RequestChecks() {
    }

    /** The requested model's name, or the client's error if it is missing or could not name any model. */
    static String model(Inbound in) {
        JsonNode model = in.body().get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw ApiError.badRequest("missing_model", "model", "The request has no 'model'. Name one of the models GET /v1/models lists.");
        }
        String name = model.asText();
        if (name.length() > MAX_MODEL_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw BadRequest.field("model", "'model' must be a model name of at most " + MAX_MODEL_NAME
                    + " characters without control characters. GET /v1/models lists the models this gateway serves.");
        }
        return name;
    }

    static void check(Inbound in) {
        JsonNode body = in.body();
        JsonNode stream = body.get("stream");
        if (stream != null && !stream.isBoolean() && !stream.isNull()) {
            throw ApiError.badRequest("invalid_type", "stream", "'stream' must be true or false.");
        }
        switch (in.endpoint()) {
            case EMBEDDINGS -> {
                JsonNode input = body.get("input");
                if (input == null || input.isNull() || (input.isArray() && input.isEmpty()) || (input.isTextual() && input.asText().isEmpty())) {
                    throw ApiError.badRequest("missing_input", "input", "'input' is required: a string or an array of strings.");
                }
                if (!embeddingInput(input)) {
                    // Every provider refuses these; refusing here spares the client an attempt in the ledger.
                    throw ApiError.badRequest("invalid_type", "input",
                            "'input' must be a string, an array of strings, an array of token ids or an array of token-id arrays.");
                }
            }
            case CHAT, MESSAGES -> {
                JsonNode messages = body.get("messages");
                if (messages == null || !messages.isArray() || messages.isEmpty()) {
                    throw ApiError.badRequest("missing_messages", "messages", "'messages' must be a non-empty array of messages.");
                }
                for (int i = 0; i < messages.size(); i++) {
                    if (!messages.get(i).isObject() || !messages.get(i).path("role").isTextual()) {
                        throw ApiError.badRequest("invalid_message", "messages[" + i + "]",
                                "messages[" + i + "] must be an object with a 'role'.");
                    }
                }
                positiveInt(body, "max_tokens");
                positiveInt(body, "max_completion_tokens");
                if (in.wire() == ClientWire.ANTHROPIC && !body.has("max_tokens")) {
                    throw ApiError.badRequest("missing_max_tokens", "max_tokens", "max_tokens: Field required");
                }
            }
        }
    }

    private static boolean embeddingInput(JsonNode input) {
        if (input.isTextual()) {
            return true;
        }
        if (!input.isArray()) {
            return false;
        }
        JsonNode first = input.get(0);
        for (JsonNode item : input) {
            boolean sameKind = first.isTextual() ? item.isTextual()
                    : first.isIntegralNumber() ? item.isIntegralNumber()
                    : first.isArray() && item.isArray() && !item.isEmpty() && allIntegers(item);
            if (!sameKind) {
                return false;
            }
        }
        return true;
    }

    private static boolean allIntegers(JsonNode array) {
        for (JsonNode n : array) {
            if (!n.isIntegralNumber()) {
                return false;
            }
        }
        return true;
    }

    private static void positiveInt(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n != null && !n.isNull() && (!n.canConvertToLong() || !n.isIntegralNumber() || n.asLong() < 1)) {
            throw ApiError.badRequest("invalid_value", field, "'" + field + "' must be a positive integer, got " + n + ".");
        }
    }
}
