package dev.bursar.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.wire.SseFrames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A streamed answer, as its client received it, put back together as the whole response of its wire, so it can be
 * kept once and given again whole or streamed. Empty when the stream is not a complete answer (no final event, an
 * error event, a chunk Bursar does not understand): only complete answers are kept.
 */
final class StreamAssembly {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StreamAssembly() {
    }

    static Optional<ObjectNode> openAi(StreamCapture capture) {
        try {
            ObjectNode whole = null;
            Map<Integer, ObjectNode> choices = new TreeMap<>();
            Map<Integer, StringBuilder> contents = new TreeMap<>();
            Map<Integer, Map<Integer, ObjectNode>> toolCalls = new TreeMap<>();
            boolean done = false;
            for (String data : capture.dataOfEvents()) {
                if (data.equals("[DONE]")) {
                    done = true;
                    continue;
                }
                JsonNode chunk = JSON.readTree(data);
                if (chunk.has("error") || !chunk.path("object").asText().equals("chat.completion.chunk")) {
                    return Optional.empty();
                }
                if (whole == null) {
                    whole = JSON.createObjectNode();
                    whole.set("id", chunk.get("id"));
                    whole.put("object", "chat.completion");
                    whole.set("created", chunk.get("created"));
                    whole.set("model", chunk.get("model"));
                    if (chunk.has("system_fingerprint")) {
                        whole.set("system_fingerprint", chunk.get("system_fingerprint"));
                    }
                }
                if (chunk.path("usage").isObject()) {
                    whole.set("usage", chunk.get("usage"));
                }
                for (JsonNode c : chunk.path("choices")) {
                    int index = c.path("index").asInt(0);
                    ObjectNode choice = choices.computeIfAbsent(index, i -> {
                        ObjectNode n = JSON.createObjectNode().put("index", i);
                        n.putObject("message").put("role", "assistant");
                        return n;
                    });
                    JsonNode delta = c.path("delta");
                    if (delta.path("content").isTextual()) {
                        contents.computeIfAbsent(index, i -> new StringBuilder()).append(delta.get("content").asText());
                    }
                    if (delta.path("refusal").isTextual()) {
                        ((ObjectNode) choice.get("message")).set("refusal", delta.get("refusal"));
                    }
                    for (JsonNode tc : delta.path("tool_calls")) {
                        ObjectNode call = toolCalls.computeIfAbsent(index, i -> new TreeMap<>())
                                .computeIfAbsent(tc.path("index").asInt(0), i -> {
                                    ObjectNode n = JSON.createObjectNode();
                                    n.putObject("function").put("name", "").put("arguments", "");
                                    return n;
                                });
                        if (tc.hasNonNull("id")) {
                            call.set("id", tc.get("id"));
                        }
                        if (tc.hasNonNull("type")) {
                            call.set("type", tc.get("type"));
                        }
                        ObjectNode fn = (ObjectNode) call.get("function");
                        JsonNode f = tc.path("function");
                        if (f.hasNonNull("name")) {
                            fn.put("name", fn.get("name").asText() + f.get("name").asText());
                        }
                        if (f.hasNonNull("arguments")) {
                            fn.put("arguments", fn.get("arguments").asText() + f.get("arguments").asText());
                        }
                    }
                    if (c.hasNonNull("finish_reason")) {
                        choice.set("finish_reason", c.get("finish_reason"));
                    }
                }
            }
            if (whole == null || !done || choices.isEmpty()) {
                return Optional.empty();
            }
            ArrayNode out = whole.putArray("choices");
            for (var e : choices.entrySet()) {
                ObjectNode choice = e.getValue();
                if (!choice.hasNonNull("finish_reason")) {
                    return Optional.empty();
                }
                ObjectNode message = (ObjectNode) choice.get("message");
                StringBuilder content = contents.get(e.getKey());
                Map<Integer, ObjectNode> calls = toolCalls.get(e.getKey());
                if (content != null || calls == null) {
                    message.put("content", content == null ? "" : content.toString());
                } else {
                    message.putNull("content");
                }
                if (calls != null) {
                    ArrayNode arr = message.putArray("tool_calls");
                    calls.values().forEach(arr::add);
                }
                choice.putNull("logprobs");
                // finish_reason last, as OpenAI orders it
                JsonNode finish = choice.remove("finish_reason");
                choice.set("finish_reason", finish);
                out.add(choice);
            }
            JsonNode usage = whole.remove("usage");
            if (usage != null) {
                whole.set("usage", usage);
            }
            return Optional.of(whole);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static Optional<ObjectNode> anthropic(StreamCapture capture) {
        try {
            ObjectNode message = null;
            Map<Integer, ObjectNode> blocks = new TreeMap<>();
            Map<Integer, StringBuilder> texts = new TreeMap<>();
            boolean stopped = false;
            for (String data : capture.dataOfEvents()) {
                JsonNode event = JSON.readTree(data);
                switch (event.path("type").asText()) {
                    case "message_start" -> message = (ObjectNode) event.get("message").deepCopy();
                    case "content_block_start" -> blocks.put(event.path("index").asInt(),
                            (ObjectNode) event.get("content_block").deepCopy());
                    case "content_block_delta" -> {
                        int index = event.path("index").asInt();
                        JsonNode d = event.path("delta");
                        ObjectNode block = blocks.get(index);
                        if (block == null) {
                            return Optional.empty();
                        }
                        switch (d.path("type").asText()) {
                            case "text_delta" -> texts.computeIfAbsent(index, i -> new StringBuilder()).append(d.path("text").asText());
                            case "input_json_delta" -> texts.computeIfAbsent(index, i -> new StringBuilder()).append(d.path("partial_json").asText());
                            case "thinking_delta" -> texts.computeIfAbsent(index, i -> new StringBuilder()).append(d.path("thinking").asText());
                            case "signature_delta" -> block.set("signature", d.get("signature"));
                            default -> {
                                return Optional.empty();
                            }
                        }
                    }
                    case "message_delta" -> {
                        if (message == null) {
                            return Optional.empty();
                        }
                        ObjectNode m = message;
                        event.path("delta").fields().forEachRemaining(f -> m.set(f.getKey(), f.getValue()));
                        ObjectNode usage = m.path("usage").isObject() ? (ObjectNode) m.get("usage") : m.putObject("usage");
                        event.path("usage").fields().forEachRemaining(f -> {
                            if (!f.getValue().isNull()) {
                                usage.set(f.getKey(), f.getValue());
                            }
                        });
                    }
                    case "message_stop" -> stopped = true;
                    case "error" -> {
                        return Optional.empty();
                    }
                    default -> { } // ping and future events carry nothing of the answer
                }
            }
            if (message == null || !stopped || !message.hasNonNull("stop_reason")) {
                return Optional.empty();
            }
            ArrayNode content = message.putArray("content");
            for (var e : blocks.entrySet()) {
                ObjectNode block = e.getValue();
                StringBuilder text = texts.get(e.getKey());
                switch (block.path("type").asText()) {
                    case "text" -> block.put("text", text == null ? "" : text.toString());
                    case "thinking" -> block.put("thinking", text == null ? "" : text.toString());
                    case "tool_use" -> block.set("input", text == null || text.isEmpty()
                            ? JSON.createObjectNode() : JSON.readTree(text.toString()));
                    default -> { }
                }
                content.add(block);
            }
            return Optional.of(message);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
