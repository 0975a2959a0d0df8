package dev.bursar.providers.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.pricing.ModelInfo;
import dev.bursar.providers.ChatCall;
import dev.bursar.tokens.TokenCounter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Refuses what the imitated provider would refuse, with its error, so development spend computed on the sim is
 * never spend that production could not have: a prompt over the model's context window, more output than the model
 * can write, the wrong endpoint for the model's mode, content of a type the provider does not take. The limits come
 * from the price catalog; a model the catalog does not know is not checked.
 */
final class SimRefusals {

    private final String provider;
    private final Function<String, Optional<ModelInfo>> catalog;

    SimRefusals(String provider, Function<String, Optional<ModelInfo>> catalog) {
        this.provider = provider;
        this.catalog = catalog;
    }

    /** Checks a chat call before its prompt is counted. */
    void checkChat(ChatCall call) {
        Optional<ModelInfo> model = catalog.apply(call.upstreamModel());
        if (model.isEmpty()) {
            return;
        }
        SimVendorErrors errors = errors(model.get());
        if (model.get().mode().equals("embedding")) {
            throw errors.notAChatModel(call.upstreamModel());
        }
        checkContent(call.body(), errors);
        for (String param : new String[] {"max_completion_tokens", "max_tokens"}) {
            JsonNode max = call.body().get(param);
            long limit = model.get().maxOutputTokens();
            if (max != null && max.canConvertToLong() && limit > 0 && max.asLong() > limit) {
                throw errors.outputLimitExceeded(call.upstreamModel(), param, max.asLong(), limit);
            }
        }
    }

    /** Checks a counted prompt against the context window. */
    void checkPrompt(ChatCall call, long promptTokens) {
        catalog.apply(call.upstreamModel()).ifPresent(model -> {
            if (model.contextWindow() > 0 && promptTokens > model.contextWindow()) {
                throw errors(model).contextExceeded(call.upstreamModel(), promptTokens, model.contextWindow());
            }
        });
    }

    /** Checks an embeddings call: the model must embed, and each input fit its context window. */
    void checkEmbeddings(ChatCall call) {
        Optional<ModelInfo> model = catalog.apply(call.upstreamModel());
        if (model.isEmpty()) {
            return;
        }
        SimVendorErrors errors = errors(model.get());
        if (!model.get().mode().equals("embedding")) {
            throw errors.notAnEmbeddingModel(call.upstreamModel());
        }
        long window = model.get().contextWindow();
        JsonNode input = call.body().path("input");
        // One input, or several: a string, token ids, an array of strings or of token-id arrays.
        Iterable<JsonNode> inputs = input.isArray() && !input.path(0).isNumber() ? input : List.of(input);
        for (JsonNode one : inputs) {
            long tokens = one.isTextual() ? tokensIfOver(call, one.asText(), window) : one.size();
            if (window > 0 && tokens > window) {
                throw errors.contextExceeded(call.upstreamModel(), tokens, window);
            }
        }
    }

    /** The text's tokens, or 0 when it cannot exceed {@code window}: a token is at least one UTF-8 byte. */
    private static long tokensIfOver(ChatCall call, String text, long window) {
        if (text.length() <= window && text.getBytes(StandardCharsets.UTF_8).length <= window) {
            return 0;
        }
        return TokenCounter.forModel(call.upstreamModel()).count(text);
    }

    /** Content is a string, an array of typed parts (text parts with string text), or absent on an assistant turn. */
    private static void checkContent(JsonNode body, SimVendorErrors errors) {
        JsonNode messages = body.path("messages");
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            JsonNode content = message.get("content");
            String path = "messages[" + i + "].content";
            if (content == null || content.isNull()) {
                if (!"assistant".equals(message.path("role").asText())) {
                    throw errors.invalidContent(path, "one of a string or array of objects", "null");
                }
            } else if (content.isArray()) {
                checkParts(content, path, errors);
            } else if (!content.isTextual()) {
                throw errors.invalidContent(path, "one of a string or array of objects", typeName(content));
            }
        }
    }

    private static void checkParts(JsonNode parts, String path, SimVendorErrors errors) {
        for (int j = 0; j < parts.size(); j++) {
            JsonNode part = parts.get(j);
            String at = path + "[" + j + "]";
            if (!part.isObject() || !part.path("type").isTextual()) {
                throw errors.invalidContent(at, "an object with a string 'type'", typeName(part));
            }
            if (part.path("type").asText().equals("text") && !part.path("text").isTextual()) {
                throw errors.invalidContent(at + ".text", "a string", typeName(part.path("text")));
            }
        }
    }

    private static String typeName(JsonNode node) {
        return switch (node.getNodeType()) {
            case NUMBER -> node.isIntegralNumber() ? "an integer" : "a decimal";
            case BOOLEAN -> "a boolean";
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NULL, MISSING -> "null";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private SimVendorErrors errors(ModelInfo model) {
        return new SimVendorErrors(provider, SimVendorErrors.Vendor.of(model.provider()));
    }
}
