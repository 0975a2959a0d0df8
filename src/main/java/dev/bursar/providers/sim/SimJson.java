package dev.bursar.providers.sim;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.pricing.Usage;
import java.nio.charset.StandardCharsets;

/** The sim's answers in OpenAI's {@code chat.completion} and {@code chat.completion.chunk} shapes. */
final class SimJson {

    static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SimJson() {
    }

    static ObjectNode completion(SimAnswer a) {
        ObjectNode out = header(a, "chat.completion");
        var choices = out.putArray("choices");
        for (SimAnswer.Choice c : a.choices()) {
            ObjectNode choice = choices.addObject();
            choice.put("index", c.index());
            ObjectNode message = choice.putObject("message");
            message.put("role", "assistant");
            message.put("content", c.text());
            message.putNull("refusal");
            message.putArray("annotations");
            if (c.toolCalls() != null) {
                message.set("tool_calls", c.toolCalls());
            }
            choice.putNull("logprobs");
            choice.put("finish_reason", c.finishReason());
        }
        out.set("usage", usage(a.usage()));
        out.put("service_tier", "default");
        out.put("system_fingerprint", a.fingerprint());
        return out;
    }

    static ObjectNode usage(Usage u) {
        ObjectNode usage = NODES.objectNode();
        usage.put("prompt_tokens", (int) u.inputTokens());
        usage.put("completion_tokens", (int) u.outputTokens());
        usage.put("total_tokens", (int) u.totalTokens());
        ObjectNode prompt = usage.putObject("prompt_tokens_details");
        prompt.put("cached_tokens", (int) u.cachedInputTokens());
        prompt.put("audio_tokens", 0);
        ObjectNode completion = usage.putObject("completion_tokens_details");
        completion.put("reasoning_tokens", (int) u.reasoningTokens());
        completion.put("audio_tokens", 0);
        completion.put("accepted_prediction_tokens", 0);
        completion.put("rejected_prediction_tokens", 0);
        return usage;
    }

    /** A chunk with one choice's {@code delta}; {@code finish} null while the choice is still going. */
    static byte[] chunk(SimAnswer a, boolean includeUsage, int index, ObjectNode delta, String finish) {
        ObjectNode out = header(a, "chat.completion.chunk");
        out.put("system_fingerprint", a.fingerprint());
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", index);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finish);
        if (includeUsage) {
            // OpenAI marks every chunk with "usage": null when the client asked for the final usage chunk.
            out.putNull("usage");
        }
        return sse(out);
    }

    static byte[] usageChunk(SimAnswer a) {
        ObjectNode out = header(a, "chat.completion.chunk");
        out.put("system_fingerprint", a.fingerprint());
        out.putArray("choices");
        out.set("usage", usage(a.usage()));
        return sse(out);
    }

    static ObjectNode delta() {
        return NODES.objectNode();
    }

    private static ObjectNode header(SimAnswer a, String object) {
        ObjectNode out = NODES.objectNode();
        out.put("id", a.id());
        out.put("object", object);
        out.put("created", a.created());
        out.put("model", a.model());
        return out;
    }

    private static byte[] sse(ObjectNode chunk) {
        return ("data: " + chunk + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
