package dev.bursar.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.pricing.Usage;
import dev.bursar.tokens.TokenCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The usage of one stream as it unfolds: {@code message_start} brings the input and cache counts,
 * {@code message_delta} the cumulative output. Content deltas are kept as raw text and only counted when the
 * stream ends early (client gone, provider cut), so a complete stream never pays for local counting.
 */
final class AnthropicProviderStreamTally {

    /** Usage so far; {@code estimated} when some of it was counted locally. */
    record SoFar(Usage usage, JsonNode raw, boolean estimated) {
    }

    private final JsonNode anthropicRequest;
    private final String model;
    private final List<String> contentDeltas = new ArrayList<>();
    private ObjectNode raw;
    private boolean outputReported;
    private String stopReason;

    AnthropicProviderStreamTally(JsonNode anthropicRequest, String model) {
        this.anthropicRequest = anthropicRequest;
        this.model = model;
    }

    void start(JsonNode message) {
        raw = AnthropicUsage.merge(message.path("usage"), AnthropicWire.JSON.missingNode());
    }

    void content(String rawDeltaData) {
        contentDeltas.add(rawDeltaData);
    }

    void delta(JsonNode messageDelta) {
        JsonNode usage = messageDelta.path("usage");
        if (usage.isObject()) {
            raw = raw == null ? AnthropicUsage.merge(usage, AnthropicWire.JSON.missingNode()) : AnthropicUsage.merge(raw, usage);
            outputReported = usage.has("output_tokens");
        }
        String reason = messageDelta.path("delta").path("stop_reason").asText(null);
        if (reason != null) {
            stopReason = reason;
        }
    }

    String stopReason() {
        return stopReason;
    }

    /** The provider's usage of a completed stream, if it sent any. */
    Optional<ObjectNode> reported() {
        return Optional.ofNullable(raw);
    }

    /** What was spent so far, counting locally whatever the provider has not reported yet. */
    SoFar soFar() {
        if (raw != null && outputReported) {
            return new SoFar(AnthropicUsage.toUsage(raw), raw, false);
        }
        TokenCounter counter = TokenCounter.forModel(model);
        long output = counter.count(streamedText());
        if (raw == null) {
            return new SoFar(Usage.of(counter.countAnthropicPrompt(anthropicRequest), output), null, true);
        }
        Usage reported = AnthropicUsage.toUsage(raw);
        return new SoFar(new Usage(reported.inputTokens(), reported.cachedInputTokens(), reported.cacheWrite5mTokens(),
                reported.cacheWrite1hTokens(), Math.max(output, reported.outputTokens()), 0), raw, true);
    }

    private String streamedText() {
        StringBuilder text = new StringBuilder();
        for (String data : contentDeltas) {
            JsonNode delta = AnthropicWire.parseQuietly(data).path("delta");
            text.append(delta.path("text").asText(""))
                    .append(delta.path("partial_json").asText(""))
                    .append(delta.path("thinking").asText(""));
        }
        return text.toString();
    }
}
