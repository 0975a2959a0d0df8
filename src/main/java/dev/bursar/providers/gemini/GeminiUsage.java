package dev.bursar.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.pricing.Usage;

/**
 * Gemini's {@code usageMetadata} in Bursar's token classes. {@code promptTokenCount} is the whole prompt and already
 * contains {@code cachedContentTokenCount}; tokens of tool results Google fetched itself
 * ({@code toolUsePromptTokenCount}) are billed as input too. Thinking ({@code thoughtsTokenCount}) is billed as
 * output beside {@code candidatesTokenCount}, so output is their sum and reasoning is the thinking part.
 */
final class GeminiUsage {

    private GeminiUsage() {
    }

    static Usage of(JsonNode meta) {
        long prompt = meta.path("promptTokenCount").asLong() + meta.path("toolUsePromptTokenCount").asLong();
        long cached = Math.min(meta.path("cachedContentTokenCount").asLong(), prompt);
        long thoughts = meta.path("thoughtsTokenCount").asLong();
        long output = meta.path("candidatesTokenCount").asLong() + thoughts;
        return new Usage(prompt, cached, 0, 0, output, thoughts);
    }

    /** The OpenAI {@code usage} block for the same counts. */
    static ObjectNode openAi(Usage usage) {
        ObjectNode u = JsonNodeFactory.instance.objectNode();
        number(u, "prompt_tokens", usage.inputTokens());
        number(u, "completion_tokens", usage.outputTokens());
        number(u, "total_tokens", usage.totalTokens());
        number(u.putObject("prompt_tokens_details"), "cached_tokens", usage.cachedInputTokens());
        number(u.putObject("completion_tokens_details"), "reasoning_tokens", usage.reasoningTokens());
        return u;
    }

    /** Writes an int when the value fits, as a JSON parser would read it back (trees then compare equal). */
    static void number(ObjectNode node, String field, long value) {
        if (value == (int) value) {
            node.put(field, (int) value);
        } else {
            node.put(field, value);
        }
    }
}
