package dev.bursar.providers.sim;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.providers.ProviderError;
import dev.bursar.providers.ProviderException;

/**
 * The refusals the sim imitates, each as the imitated vendor sends it: status, message and error body in OpenAI's
 * shape (OpenAI, DeepSeek, Mistral), Anthropic's or Google's. The gateway passes the status and message on in the
 * client's own wire.
 */
final class SimVendorErrors {

    enum Vendor {
        OPENAI, ANTHROPIC, GOOGLE;

        static Vendor of(String catalogProvider) {
            return switch (catalogProvider) {
                case "anthropic" -> ANTHROPIC;
                case "google" -> GOOGLE;
                default -> OPENAI;
            };
        }
    }

    private final String provider;
    private final Vendor vendor;

    SimVendorErrors(String provider, Vendor vendor) {
        this.provider = provider;
        this.vendor = vendor;
    }

    /** The prompt needs more tokens than the model's context window. */
    ProviderException contextExceeded(String model, long prompt, long window) {
        return switch (vendor) {
            case OPENAI -> openAi(400, "This model's maximum context length is " + window + " tokens. However, your messages "
                    + "resulted in " + prompt + " tokens. Please reduce the length of the messages.", "messages", "context_length_exceeded");
            case ANTHROPIC -> anthropic(400, "invalid_request_error", "prompt is too long: " + prompt + " tokens > " + window + " maximum");
            case GOOGLE -> google(400, "The input token count (" + prompt + ") exceeds the maximum number of tokens allowed ("
                    + window + ").", "INVALID_ARGUMENT");
        };
    }

    /** {@code max_tokens} (or {@code max_completion_tokens}) above what the model can write in one call. */
    ProviderException outputLimitExceeded(String model, String param, long asked, long limit) {
        return switch (vendor) {
            case OPENAI -> openAi(400, param + " is too large: " + asked + ". This model supports at most " + limit
                    + " completion tokens, whereas you provided " + asked + ".", param, "invalid_value");
            case ANTHROPIC -> anthropic(400, "invalid_request_error", "max_tokens: " + asked + " > " + limit
                    + ", which is the maximum allowed number of output tokens for " + model);
            case GOOGLE -> google(400, "Unable to submit request because it has a maxOutputTokens value of " + asked
                    + " but the supported range is from 1 (inclusive) to " + (limit + 1) + " (exclusive). Update the value"
                    + " and try again.", "INVALID_ARGUMENT");
        };
    }

    /** Embeddings asked of a chat model. */
    ProviderException notAnEmbeddingModel(String model) {
        return switch (vendor) {
            case OPENAI -> openAi(403, "You are not allowed to generate embeddings from this model", null, null);
            case ANTHROPIC -> anthropic(404, "not_found_error", "Not Found");
            case GOOGLE -> google(404, "models/" + model + " is not found for API version v1beta, or is not supported for"
                    + " embedContent. Call ListModels to see the list of available models and their supported methods.", "NOT_FOUND");
        };
    }

    /** A chat call to an embedding model. */
    ProviderException notAChatModel(String model) {
        return switch (vendor) {
            case OPENAI, ANTHROPIC -> openAi(404, "This is not a chat model and thus not supported in the v1/chat/completions"
                    + " endpoint. Did you mean to use v1/completions?", "model", null);
            case GOOGLE -> google(404, "models/" + model + " is not found for API version v1beta, or is not supported for"
                    + " generateContent. Call ListModels to see the list of available models and their supported methods.", "NOT_FOUND");
        };
    }

    /** Content of a type the vendor does not take; {@code path} in OpenAI's notation, e.g. {@code messages[0].content}. */
    ProviderException invalidContent(String path, String expected, String got) {
        return switch (vendor) {
            case OPENAI -> openAi(400, "Invalid type for '" + path + "': expected " + expected + ", but got " + got
                    + " instead.", path, "invalid_type");
            case ANTHROPIC -> anthropic(400, "invalid_request_error",
                    path.replaceAll("\\[(\\d+)]", ".$1") + ": Input should be " + expected);
            case GOOGLE -> google(400, "Invalid JSON payload received. Invalid value at '" + path + "': expected "
                    + expected + ", got " + got + ".", "INVALID_ARGUMENT");
        };
    }

    private ProviderException openAi(int status, String message, String param, String code) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", "invalid_request_error");
        error.put("param", param);
        error.put("code", code);
        return refusal(status, message, root);
    }

    private ProviderException anthropic(int status, String type, String message) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("type", "error");
        root.putObject("error").put("type", type).put("message", message);
        return refusal(status, message, root);
    }

    private ProviderException google(int status, String message, String code) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.putObject("error").put("code", status).put("message", message).put("status", code);
        return refusal(status, message, root);
    }

    /** A client mistake, never retried: 400, 403 and 404 alike are the request's fault here, not the key's. */
    private ProviderException refusal(int status, String message, ObjectNode body) {
        String raw = body.toString();
        ProviderError error = status == 404 ? new ProviderError.NotFound(provider, status, message, raw)
                : new ProviderError.BadRequest(provider, status, message, raw);
        return new ProviderException(error);
    }
}
