package dev.bursar.providers.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.bursar.pricing.Usage;
import java.util.List;

/**
 * Everything the sim will answer to one request, decided before the first byte is sent.
 *
 * @param seed  the request's hash: equal requests give equal answers
 * @param cache what the provider's prompt cache read and wrote of the prompt
 */
record SimAnswer(String id, long created, String model, String fingerprint, long seed, int promptTokens,
                 SimCacheTokens cache, List<Choice> choices) {

    /** One choice: {@code text} for an answer, or {@code toolCalls} (then text is null). */
    record Choice(int index, String text, ArrayNode toolCalls, int tokens, String finishReason) {
    }

    int outputTokens() {
        return choices.stream().mapToInt(Choice::tokens).sum();
    }

    Usage usage() {
        return usage(outputTokens());
    }

    /** The usage when only {@code outputTokens} were produced (a cut or cancelled stream). */
    Usage usage(int outputTokens) {
        return new Usage(promptTokens, cache.read(), cache.write5m(), cache.write1h(), outputTokens, 0);
    }
}
