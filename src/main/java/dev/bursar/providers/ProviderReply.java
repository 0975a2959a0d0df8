package dev.bursar.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.pricing.Usage;

/**
 * What an adapter returns from a successful attempt.
 *
 * @param body            the whole response in the client's wire; {@code null} for streams (already sent)
 * @param usage           tokens by class in Bursar's convention (see {@link Usage})
 * @param rawUsage        the provider's own usage block, verbatim ({@code null} if it sent none)
 * @param usageEstimated  true when the provider sent no usage and the adapter counted tokens itself
 * @param clientCancelled true when the client went away mid-stream; usage then covers what was produced
 * @param finishReason    in the client's wire vocabulary ("stop", "end_turn", ...), may be null
 * @param ttftNanos       time from sending the request to the first content chunk (streams), else -1
 */
public record ProviderReply(
        ObjectNode body,
        Usage usage,
        JsonNode rawUsage,
        boolean usageEstimated,
        boolean clientCancelled,
        String finishReason,
        long ttftNanos) {
}
