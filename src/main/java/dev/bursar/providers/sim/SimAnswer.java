package dev.bursar.providers.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.bursar.pricing.Usage;
import java.util.List;

/**
 * Everything the sim will answer to one request, decided before the first byte is sent.
 *
 * @param seed the request's hash: equal requests give equal answers
 */
record SimAnswer(String id, long created, String model, String fingerprint, long seed, int promptTokens,
                 int cachedTokens, List<Choice> choices) {

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
        return new Usage(promptTokens, cachedTokens, 0, 0, outputTokens, 0);
    }
}
