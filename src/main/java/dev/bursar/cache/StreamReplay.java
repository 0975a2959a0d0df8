package dev.bursar.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.wire.SseFrames;
import java.util.ArrayList;
import java.util.List;

/**
 * A kept whole answer given again as a stream, event by event as the provider would have sent it: OpenAI's
 * {@code chat.completion.chunk}s ending in {@code [DONE]}, or Anthropic's message_start … message_stop. The text
 * comes in one delta per block (there is nothing to wait for), usage as the wire carries it.
 */
final class StreamReplay {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private StreamReplay() {
    }

    /** @param includeUsage the client asked for {@code stream_options.include_usage}: a last chunk carries the usage */
    static List<byte[]> openAi(JsonNode whole, boolean includeUsage) {
        List<byte[]> events = new ArrayList<>();
        for (JsonNode choice : whole.path("choices")) {
            int index = choice.path("index").asInt(0);
            JsonNode message = choice.path("message");
            ObjectNode first = JSON.objectNode().put("role", message.path("role").asText("assistant"));
            first.put("content", "");
            if (message.has("refusal")) {
                first.set("refusal", message.get("refusal"));
            }
            events.add(chunk(whole, index, first, null, includeUsage));
            String content = message.path("content").isTextual() ? message.get("content").asText() : null;
            if (content != null && !content.isEmpty()) {
                events.add(chunk(whole, index, JSON.objectNode().put("content", content), null, includeUsage));
            }
            int call = 0;
            for (JsonNode toolCall : message.path("tool_calls")) {
                ObjectNode delta = JSON.objectNode();
                ObjectNode tc = delta.putArray("tool_calls").addObject().put("index", call++);
                tc.set("id", toolCall.get("id"));
                tc.put("type", toolCall.path("type").asText("function"));
                tc.set("function", toolCall.path("function").deepCopy());
                events.add(chunk(whole, index, delta, null, includeUsage));
            }
            events.add(chunk(whole, index, JSON.objectNode(), choice.path("finish_reason").asText("stop"), includeUsage));
        }
        if (includeUsage && whole.has("usage")) {
            ObjectNode last = header(whole);
            last.putArray("choices");
            last.set("usage", whole.get("usage"));
            events.add(SseFrames.data(last));
        }
        events.add(SseFrames.done());
        return events;
    }

    private static byte[] chunk(JsonNode whole, int index, ObjectNode delta, String finishReason, boolean includeUsage) {
        ObjectNode c = header(whole);
        ObjectNode choice = c.putArray("choices").addObject().put("index", index);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        if (includeUsage) {
            c.putNull("usage");
        }
        return SseFrames.data(c);
    }

    private static ObjectNode header(JsonNode whole) {
        ObjectNode c = JSON.objectNode();
        c.set("id", whole.get("id"));
        c.put("object", "chat.completion.chunk");
        c.set("created", whole.get("created"));
        c.set("model", whole.get("model"));
        if (whole.has("system_fingerprint")) {
            c.set("system_fingerprint", whole.get("system_fingerprint"));
        }
        return c;
    }

    static List<byte[]> anthropic(JsonNode whole) {
        List<byte[]> events = new ArrayList<>();
        ObjectNode start = JSON.objectNode().put("type", "message_start");
        ObjectNode message = start.putObject("message");
        message.set("id", whole.get("id"));
        message.put("type", "message");
        message.put("role", "assistant");
        message.set("model", whole.get("model"));
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        ObjectNode startUsage = whole.path("usage").isObject() ? ((ObjectNode) whole.get("usage")).deepCopy() : JSON.objectNode();
        startUsage.put("output_tokens", Math.min(1, whole.path("usage").path("output_tokens").asLong(0)));
        message.set("usage", startUsage);
        events.add(event("message_start", start));
        int index = 0;
        for (JsonNode block : whole.path("content")) {
            events.addAll(block(index++, block));
        }
        ObjectNode delta = JSON.objectNode().put("type", "message_delta");
        ObjectNode d = delta.putObject("delta");
        d.set("stop_reason", whole.get("stop_reason"));
        d.set("stop_sequence", whole.has("stop_sequence") ? whole.get("stop_sequence") : JSON.nullNode());
        delta.putObject("usage").put("output_tokens", whole.path("usage").path("output_tokens").asLong(0));
        events.add(event("message_delta", delta));
        events.add(event("message_stop", JSON.objectNode().put("type", "message_stop")));
        return events;
    }

    private static List<byte[]> block(int index, JsonNode block) {
        List<byte[]> events = new ArrayList<>(3);
        String type = block.path("type").asText();
        ObjectNode start = JSON.objectNode().put("type", "content_block_start").put("index", index);
        ObjectNode delta = JSON.objectNode().put("type", "content_block_delta").put("index", index);
        switch (type) {
            case "text" -> {
                start.putObject("content_block").put("type", "text").put("text", "");
                delta.putObject("delta").put("type", "text_delta").put("text", block.path("text").asText(""));
            }
            case "tool_use" -> {
                ObjectNode cb = start.putObject("content_block").put("type", "tool_use");
                cb.set("id", block.get("id"));
                cb.set("name", block.get("name"));
                cb.putObject("input");
                delta.putObject("delta").put("type", "input_json_delta")
                        .put("partial_json", block.path("input").toString());
            }
            case "thinking" -> {
                start.putObject("content_block").put("type", "thinking").put("thinking", "");
                delta.putObject("delta").put("type", "thinking_delta").put("thinking", block.path("thinking").asText(""));
            }
            default -> {
                // A block without a delta form (e.g. redacted_thinking) arrives whole in its start event.
                start.set("content_block", block);
                delta = null;
            }
        }
        events.add(event("content_block_start", start));
        if (delta != null) {
            events.add(event("content_block_delta", delta));
        }
        if (type.equals("thinking") && block.has("signature")) {
            ObjectNode sig = JSON.objectNode().put("type", "content_block_delta").put("index", index);
            sig.putObject("delta").put("type", "signature_delta").set("signature", block.get("signature"));
            events.add(event("content_block_delta", sig));
        }
        events.add(event("content_block_stop", JSON.objectNode().put("type", "content_block_stop").put("index", index)));
        return events;
    }

    private static byte[] event(String name, JsonNode data) {
        return SseFrames.event(name, data.toString());
    }
}
