package dev.bursar.wire.anthropic;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.pricing.Usage;

/** The words that differ between the two wires: finish reasons, message ids and the usage block. */
final class BridgeVocabulary {

    private BridgeVocabulary() {
    }

    /** OpenAI {@code finish_reason} -> Anthropic {@code stop_reason}. */
    static String stopReason(String finishReason) {
        if (finishReason == null) {
            return "end_turn";
        }
        return switch (finishReason) {
            case "length" -> "max_tokens";
            case "tool_calls", "function_call" -> "tool_use";
            case "content_filter" -> "refusal";
            default -> "end_turn";
        };
    }

    /** Anthropic ids start with {@code msg_}; keep the provider's id after it so logs can be matched up. */
    static String messageId(String openAiId) {
        if (openAiId == null || openAiId.isBlank()) {
            return "msg_bursar_" + Long.toHexString(System.nanoTime());
        }
        return "msg_" + (openAiId.startsWith("chatcmpl-") ? openAiId.substring("chatcmpl-".length()) : openAiId);
    }

    /**
     * Anthropic's usage block: its {@code input_tokens} excludes cache reads and writes, which are reported beside
     * it; Bursar's {@link Usage} counts them inside the input.
     */
    static ObjectNode usage(Usage usage) {
        return JsonNodeFactory.instance.objectNode()
                .put("input_tokens", usage.uncachedInputTokens())
                .put("cache_creation_input_tokens", usage.cacheWriteTokens())
                .put("cache_read_input_tokens", usage.cachedInputTokens())
                .put("output_tokens", usage.outputTokens());
    }
}
