package dev.bursar.providers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.pricing.Usage;
import dev.bursar.wire.SseFrames;

/**
 * OpenAI {@code chat.completion.chunk} events, for every adapter that writes the OpenAI stream wire from something
 * else (the Anthropic translator, Gemini, the sim). Each chunk starts from an envelope ({@code id}, {@code object},
 * {@code created}, {@code model}) the adapter may extend, e.g. with {@code system_fingerprint}.
 */
public final class OpenAiChunks {

    private OpenAiChunks() {
    }

    /** A fresh chunk envelope; call once per chunk, the chunk methods fill it in. */
    public static ObjectNode envelope(String id, long created, String model) {
        ObjectNode envelope = JsonNodeFactory.instance.objectNode().put("id", id).put("object", "chat.completion.chunk");
        return JsonCounts.put(envelope, "created", created).put("model", model);
    }

    /**
     * A chunk with one choice's {@code delta}; {@code finishReason} null while the choice is still going.
     * {@code usageNull} marks the chunk with {@code "usage": null}, as OpenAI does on every chunk but the last when
     * the client asked for {@code stream_options.include_usage}.
     */
    public static byte[] choice(ObjectNode envelope, int index, ObjectNode delta, String finishReason, boolean usageNull) {
        ObjectNode choice = envelope.putArray("choices").addObject();
        choice.put("index", index);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        if (usageNull) {
            envelope.putNull("usage");
        }
        return SseFrames.data(envelope);
    }

    /** OpenAI's {@code usage} block for these counts: the whole prompt, its cached part, the output, the total. */
    public static ObjectNode usageBlock(Usage usage) {
        ObjectNode u = JsonNodeFactory.instance.objectNode();
        JsonCounts.put(u, "prompt_tokens", usage.inputTokens());
        JsonCounts.put(u, "completion_tokens", usage.outputTokens());
        JsonCounts.put(u, "total_tokens", usage.totalTokens());
        JsonCounts.put(u.putObject("prompt_tokens_details"), "cached_tokens", usage.cachedInputTokens());
        return u;
    }

    /** The usage-only chunk ({@code choices: []}) OpenAI sends last when the client asked for it. */
    public static byte[] usage(ObjectNode envelope, ObjectNode usage) {
        envelope.putArray("choices");
        envelope.set("usage", usage);
        return SseFrames.data(envelope);
    }
}
