package dev.bursar.wire.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.pricing.Usage;
import dev.bursar.wire.OpenAiUsage;
import dev.bursar.wire.SseFrames;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Takes OpenAI chat.completion.chunk events and writes the Anthropic event stream, one event at a time:
 * message_start on the first chunk, a text or tool_use content block per run of deltas, message_delta (stop reason
 * and the final usage) when the adapter settles the stream, message_stop on {@code [DONE]}.
 *
 * <p>If the client is gone while message_delta is written, {@link #settle} says so (the settlement must not be
 * passed on), and the next event (the {@code [DONE]}) fails with the client's {@link IOException}: the adapter then
 * reports a cancelled call. Not thread-safe: one per stream.
 */
public final class BridgeStreamSink {

    /** Where the Anthropic events go, each complete and flushed; an {@link IOException} means the client went away. */
    @FunctionalInterface
    public interface Out {
        void send(byte[] anthropicEvent) throws IOException;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Out out;
    private final String clientModel;
    private final Map<Integer, Integer> blockOfToolCall = new HashMap<>();
    private boolean started;
    private boolean settled;
    private int nextBlock;
    private int openBlock = -1;
    private boolean openIsText;
    private String stopReason;
    private Usage lastUsage;
    private IOException clientGone;

    BridgeStreamSink(Out out, String clientModel) {
        this.out = out;
        this.clientModel = clientModel;
    }

    /** Takes one OpenAI chat.completion.chunk SSE event (or {@code [DONE]}) and writes what it means in Anthropic's. */
    public void send(byte[] sseEvent) throws IOException {
        if (clientGone != null) {
            throw clientGone;
        }
        String data = SseFrames.dataOf(sseEvent);
        if (data.isEmpty()) {
            return;
        }
        if (data.equals("[DONE]")) {
            if (!settled) {
                finishMessage(lastUsage == null ? Usage.ZERO : lastUsage, null);
            }
            emit("message_stop", JSON.createObjectNode().put("type", "message_stop"));
            return;
        }
        JsonNode chunk = parse(data);
        start(chunk.path("id").asText(null));
        OpenAiUsage.parse(chunk.get("usage")).ifPresent(u -> lastUsage = u);
        for (JsonNode choice : chunk.path("choices")) {
            if (choice.path("index").asInt(0) == 0) {
                choice(choice);
            }
        }
    }

    /**
     * Writes message_delta with the adapter's final usage and finish reason, as the stream settles right before its
     * last event. Returns false when the client went away meanwhile: the call then must not be settled as complete.
     */
    public boolean settle(Usage usage, String finishReason) {
        try {
            finishMessage(usage, finishReason);
            return true;
        } catch (IOException e) {
            clientGone = e;
            return false;
        }
    }

    private void choice(JsonNode choice) throws IOException {
        JsonNode delta = choice.path("delta");
        JsonNode content = delta.get("content");
        if (content != null && content.isTextual()) {
            text(content.asText());
        }
        if (delta.path("refusal").isTextual()) {
            text(delta.get("refusal").asText());
            stopReason = "refusal";
        }
        int position = 0;
        for (JsonNode call : delta.path("tool_calls")) {
            toolCall(call, call.path("index").asInt(position++));
        }
        JsonNode finish = choice.get("finish_reason");
        if (finish != null && finish.isTextual()) {
            closeOpenBlock();
            if (stopReason == null) {
                stopReason = BridgeVocabulary.stopReason(finish.asText());
            }
        }
    }

    private void text(String text) throws IOException {
        if (text.isEmpty()) {
            return;
        }
        if (openBlock < 0 || !openIsText) {
            ObjectNode block = JSON.createObjectNode().put("type", "text").put("text", "");
            openBlock(block, true);
        }
        ObjectNode event = blockEvent("content_block_delta", openBlock);
        event.putObject("delta").put("type", "text_delta").put("text", text);
        emit("content_block_delta", event);
    }

    private void toolCall(JsonNode call, int toolIndex) throws IOException {
        Integer block = blockOfToolCall.get(toolIndex);
        JsonNode function = call.path("function");
        if (block == null) {
            ObjectNode toolUse = JSON.createObjectNode().put("type", "tool_use")
                    .put("id", call.path("id").asText("")).put("name", function.path("name").asText(""));
            toolUse.putObject("input");
            block = openBlock(toolUse, false);
            blockOfToolCall.put(toolIndex, block);
        }
        JsonNode arguments = function.get("arguments");
        if (arguments != null && arguments.isTextual() && !arguments.asText().isEmpty()) {
            ObjectNode event = blockEvent("content_block_delta", block);
            event.putObject("delta").put("type", "input_json_delta").put("partial_json", arguments.asText());
            emit("content_block_delta", event);
        }
    }

    private int openBlock(ObjectNode contentBlock, boolean isText) throws IOException {
        closeOpenBlock();
        openBlock = nextBlock++;
        openIsText = isText;
        ObjectNode event = blockEvent("content_block_start", openBlock);
        event.set("content_block", contentBlock);
        emit("content_block_start", event);
        return openBlock;
    }

    private void closeOpenBlock() throws IOException {
        if (openBlock >= 0) {
            emit("content_block_stop", blockEvent("content_block_stop", openBlock));
            openBlock = -1;
        }
    }

    private void start(String openAiId) throws IOException {
        if (started) {
            return;
        }
        started = true;
        ObjectNode event = JSON.createObjectNode().put("type", "message_start");
        ObjectNode message = event.putObject("message");
        message.put("id", BridgeVocabulary.messageId(openAiId)).put("type", "message").put("role", "assistant")
                .put("model", clientModel);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        // OpenAI reports usage only at the end; the real figures follow in message_delta.
        message.putObject("usage").put("input_tokens", 0).put("output_tokens", 0);
        emit("message_start", event);
    }

    private void finishMessage(Usage usage, String finishReason) throws IOException {
        start(null);
        closeOpenBlock();
        settled = true;
        ObjectNode event = JSON.createObjectNode().put("type", "message_delta");
        event.putObject("delta")
                .put("stop_reason", stopReason != null ? stopReason : BridgeVocabulary.stopReason(finishReason))
                .putNull("stop_sequence");
        event.set("usage", BridgeVocabulary.usage(usage));
        emit("message_delta", event);
    }

    private static ObjectNode blockEvent(String type, int index) {
        return JSON.createObjectNode().put("type", type).put("index", index);
    }

    private void emit(String name, ObjectNode data) throws IOException {
        out.send(SseFrames.event(name, data.toString()));
    }

    /** The adapter parsed each chunk before forwarding it, so a bad one here is a bug, not a gone client. */
    private static JsonNode parse(String data) {
        try {
            return JSON.readTree(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the OpenAI-wire stream sent an event that is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
