package dev.bursar.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.pricing.Usage;
import java.nio.charset.StandardCharsets;

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
 * @param rawBody         {@code body} exactly as the provider sent it, when that is already the client's wire and
 *                        nothing was changed: the gateway then forwards these bytes instead of serialising
 *                        {@code body} again; {@code null} when there are none (then {@code body} is serialised)
 */
public record ProviderReply(
        ObjectNode body,
        Usage usage,
        JsonNode rawUsage,
        boolean usageEstimated,
        boolean clientCancelled,
        String finishReason,
        long ttftNanos,
        byte[] rawBody) {

    /** A reply without raw bytes: the gateway serialises {@code body}. */
    public ProviderReply(ObjectNode body, Usage usage, JsonNode rawUsage, boolean usageEstimated, boolean clientCancelled,
                         String finishReason, long ttftNanos) {
        this(body, usage, rawUsage, usageEstimated, clientCancelled, finishReason, ttftNanos, null);
    }

    /** The bytes of {@code body} in its wire: the provider's own when it sent them unchanged, else serialised. */
    public byte[] bodyBytes() {
        return rawBody != null ? rawBody : body.toString().getBytes(StandardCharsets.UTF_8);
    }
}
