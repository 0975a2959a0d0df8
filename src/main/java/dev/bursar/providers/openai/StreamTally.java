package dev.bursar.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.pricing.Usage;
import dev.bursar.providers.ProviderReply;
import dev.bursar.tokens.TokenCounter;
import dev.bursar.wire.OpenAiUsage;

/**
 * What a stream has produced so far: the provider's usage once it arrives, the generated text (to count output
 * tokens locally when the stream ends early), the finish reason and the time to first token.
 */
final class StreamTally {

    private final JsonNode request;
    private final String upstreamModel;
    private final long startNanos;
    private final StringBuilder generated = new StringBuilder();
    private JsonNode rawUsage;
    private Usage usage;
    private String finishReason;
    private long ttftNanos = -1;
    private int sentEvents;

    StreamTally(JsonNode request, String upstreamModel, long startNanos) {
        this.request = request;
        this.upstreamModel = upstreamModel;
        this.startNanos = startNanos;
    }

    /** Takes in one chunk; returns true when it is the usage-only chunk ({@code choices: []} with a usage). */
    boolean accept(JsonNode chunk) {
        JsonNode u = chunk.get("usage");
        if (u != null && u.isObject()) {
            rawUsage = u;
            usage = OpenAiUsage.parse(u).orElse(null);
        }
        JsonNode choices = chunk.path("choices");
        if (choices.isArray() && choices.isEmpty()) {
            return u != null && u.isObject();
        }
        for (JsonNode choice : choices) {
            takeDelta(choice.path("delta"));
            JsonNode finish = choice.get("finish_reason");
            if (finish != null && finish.isTextual()) {
                finishReason = finish.asText();
            }
        }
        return false;
    }

    private void takeDelta(JsonNode delta) {
        int before = generated.length();
        appendText(delta.get("content"));
        appendText(delta.get("reasoning_content"));
        for (JsonNode call : delta.path("tool_calls")) {
            appendText(call.path("function").get("name"));
            appendText(call.path("function").get("arguments"));
        }
        if (ttftNanos < 0 && generated.length() > before) {
            ttftNanos = System.nanoTime() - startNanos;
        }
    }

    private void appendText(JsonNode text) {
        if (text != null && text.isTextual()) {
            generated.append(text.asText());
        }
    }

    void sent() {
        sentEvents++;
    }

    boolean started() {
        return sentEvents > 0;
    }

    int sentEvents() {
        return sentEvents;
    }

    /** The reply of a stream that reached {@code [DONE]}. */
    ProviderReply completed() {
        return reply(false);
    }

    /** The reply when the client went away mid-stream. */
    ProviderReply cancelled() {
        return reply(true);
    }

    /** The usage produced so far, the provider's if it sent one, else counted locally. */
    Usage usageSoFar() {
        return usage != null ? usage : counted();
    }

    private ProviderReply reply(boolean clientCancelled) {
        boolean estimated = usage == null;
        return new ProviderReply(null, usageSoFar(), rawUsage, estimated, clientCancelled, finishReason, ttftNanos);
    }

    /** Only streams that end early or lack usage pay for loading a tokenizer. */
    private Usage counted() {
        TokenCounter counter = TokenCounter.forModel(upstreamModel);
        return Usage.of(counter.countOpenAiPrompt(request), counter.count(generated.toString()));
    }
}
