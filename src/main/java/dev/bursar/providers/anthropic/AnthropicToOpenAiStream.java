package dev.bursar.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.providers.OpenAiChunks;
import dev.bursar.providers.ProviderReply;
import dev.bursar.providers.StreamSink;
import dev.bursar.wire.SseFrames;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Anthropic stream events -> OpenAI {@code chat.completion.chunk}s: a role chunk on {@code message_start}, a chunk
 * per text or tool-argument fragment, a finish chunk on {@code message_delta}, a usage chunk (only if the client
 * asked {@code stream_options.include_usage}; then every other chunk carries {@code "usage": null}, as OpenAI's
 * do), and {@code data: [DONE]}. Tool calls are numbered in order of appearance, as OpenAI numbers them, not by
 * Anthropic's content block index.
 */
final class AnthropicToOpenAiStream implements AnthropicProviderStreamOut {

    private final boolean includeUsage;
    private final long created;
    private final Map<Integer, Integer> toolCallByBlock = new HashMap<>();
    private String id = "";
    private String model = "";

    AnthropicToOpenAiStream(boolean includeUsage, long createdEpochSeconds, String model) {
        this.includeUsage = includeUsage;
        this.created = createdEpochSeconds;
        this.model = model;
    }

    @Override
    public void forward(AnthropicWireEvent event, StreamSink sink) throws IOException {
        JsonNode data = event.json();
        switch (event.name()) {
            case "message_start" -> {
                JsonNode message = data.path("message");
                id = message.path("id").asText(id);
                model = message.path("model").asText(model);
                ObjectNode delta = AnthropicWire.JSON.createObjectNode().put("role", "assistant").put("content", "");
                sink.send(chunk(delta, null));
            }
            case "content_block_start" -> blockStart(data.path("index").asInt(), data.path("content_block"), sink);
            case "content_block_delta" -> blockDelta(data.path("index").asInt(), data.path("delta"), sink);
            case "message_delta" -> {
                String reason = AnthropicWire.finishReasonToOpenAi(data.path("delta").path("stop_reason").asText(null));
                sink.send(chunk(AnthropicWire.JSON.createObjectNode(), reason));
            }
            default -> { } // ping, content_block_stop: nothing for an OpenAI client
        }
    }

    private void blockStart(int index, JsonNode block, StreamSink sink) throws IOException {
        switch (block.path("type").asText("")) {
            case "tool_use" -> {
                int ordinal = toolCallByBlock.size();
                toolCallByBlock.put(index, ordinal);
                ObjectNode call = AnthropicWire.JSON.createObjectNode().put("index", ordinal)
                        .put("id", block.path("id").asText()).put("type", "function");
                call.putObject("function").put("name", block.path("name").asText()).put("arguments", "");
                sink.send(toolCallChunk(call));
            }
            case "text" -> {
                String text = block.path("text").asText("");
                if (!text.isEmpty()) {
                    sink.send(chunk(AnthropicWire.JSON.createObjectNode().put("content", text), null));
                }
            }
            default -> { } // thinking blocks have no OpenAI chat counterpart
        }
    }

    private void blockDelta(int index, JsonNode delta, StreamSink sink) throws IOException {
        switch (delta.path("type").asText("")) {
            case "text_delta" -> sink.send(chunk(
                    AnthropicWire.JSON.createObjectNode().put("content", delta.path("text").asText("")), null));
            case "input_json_delta" -> {
                String fragment = delta.path("partial_json").asText("");
                Integer ordinal = toolCallByBlock.get(index);
                if (ordinal != null && !fragment.isEmpty()) {
                    ObjectNode call = AnthropicWire.JSON.createObjectNode().put("index", ordinal);
                    call.putObject("function").put("arguments", fragment);
                    sink.send(toolCallChunk(call));
                }
            }
            default -> { } // thinking_delta, signature_delta
        }
    }

    @Override
    public List<byte[]> closing(ProviderReply reply) {
        if (!includeUsage) {
            return List.of();
        }
        return List.of(OpenAiChunks.usage(envelope(), AnthropicUsage.toOpenAi(reply.usage())));
    }

    @Override
    public byte[] last(AnthropicWireEvent messageStop) {
        return SseFrames.done();
    }

    @Override
    public String finishReason(String stopReason) {
        return AnthropicWire.finishReasonToOpenAi(stopReason);
    }

    private byte[] toolCallChunk(ObjectNode call) {
        ObjectNode delta = AnthropicWire.JSON.createObjectNode();
        delta.putArray("tool_calls").add(call);
        return chunk(delta, null);
    }

    private byte[] chunk(ObjectNode delta, String finishReason) {
        return OpenAiChunks.choice(envelope(), 0, delta, finishReason, includeUsage);
    }

    private ObjectNode envelope() {
        return OpenAiChunks.envelope(id, created, model);
    }
}
