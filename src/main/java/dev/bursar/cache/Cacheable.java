package dev.bursar.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.config.ExactCacheConfig;
import dev.bursar.ledger.Endpoint;
import dev.bursar.wire.ClientWire;
import java.util.Optional;
import java.util.Set;

/** Which requests may be answered from the cache, and which answers may be kept. */
final class Cacheable {

    /** Answers that ended as the model meant: anything else (a filter, a refusal, a paused turn) is not kept. */
    private static final Set<String> COMPLETE = Set.of("stop", "length", "end_turn", "stop_sequence", "max_tokens",
            "tool_calls", "tool_use");

    private Cacheable() {
    }

    /**
     * Why this request must not be answered from the cache, or empty. A request that asks for several choices, or for
     * sampling (temperature above 0) without a seed, wants a different answer each time; the config can allow both.
     * A request that states no temperature is cached: it asked for nothing in particular.
     */
    static Optional<String> request(Endpoint endpoint, JsonNode body, ExactCacheConfig config) {
        if (endpoint == Endpoint.EMBEDDINGS) {
            return Optional.empty();
        }
        if (body.path("n").asInt(1) > 1 && !config.multipleChoices()) {
            return Optional.of("n > 1");
        }
        JsonNode t = body.get("temperature");
        boolean sampling = t != null && t.isNumber() && t.decimalValue().signum() > 0;
        if (sampling && !body.hasNonNull("seed") && !config.nonDeterministic()) {
            return Optional.of("temperature above 0 without a seed");
        }
        return Optional.empty();
    }

    /** Whether a whole answer of {@code wire} is complete and may be kept. */
    static boolean answer(ClientWire wire, Endpoint endpoint, JsonNode whole, ExactCacheConfig config) {
        if (endpoint == Endpoint.EMBEDDINGS) {
            return whole.path("data").isArray();
        }
        if (wire == ClientWire.ANTHROPIC) {
            if (!COMPLETE.contains(whole.path("stop_reason").asText())) {
                return false;
            }
            for (JsonNode block : whole.path("content")) {
                if (block.path("type").asText().equals("tool_use") && !config.toolCalls()) {
                    return false;
                }
            }
            return true;
        }
        JsonNode choices = whole.path("choices");
        if (!choices.isArray() || choices.isEmpty()) {
            return false;
        }
        for (JsonNode choice : choices) {
            if (!COMPLETE.contains(choice.path("finish_reason").asText())) {
                return false;
            }
            JsonNode calls = choice.path("message").path("tool_calls");
            if (calls.isArray() && !calls.isEmpty() && !config.toolCalls()) {
                return false;
            }
        }
        return true;
    }
}
