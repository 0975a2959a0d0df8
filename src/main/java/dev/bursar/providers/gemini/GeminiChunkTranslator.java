package dev.bursar.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.pricing.Usage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns Gemini stream chunks (each a {@code GenerateContentResponse}) into OpenAI {@code chat.completion.chunk}
 * events, and keeps what the stream has shown so far: the latest {@code usageMetadata} (the last chunk's is the
 * total), the streamed text, and whether a finish reason arrived.
 */
final class GeminiChunkTranslator {

    static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

    private final String upstreamModel;
    private final long created;
    private final Map<Integer, Integer> toolCallsByCandidate = new HashMap<>();
    private final StringBuilder streamedText = new StringBuilder();
    private String id;
    private String model;
    private JsonNode lastUsage;
    private String firstFinish;

    GeminiChunkTranslator(String upstreamModel, long created) {
        this.upstreamModel = upstreamModel;
        this.created = created;
    }

    List<byte[]> translate(JsonNode chunk) {
        if (id == null) {
            id = "chatcmpl-" + GeminiResponseMapper.responseId(chunk);
            model = chunk.path("modelVersion").asText(upstreamModel);
        }
        if (chunk.has("usageMetadata")) {
            lastUsage = chunk.get("usageMetadata");
        }
        List<byte[]> events = new ArrayList<>();
        int position = 0;
        for (JsonNode candidate : chunk.path("candidates")) {
            candidate(candidate, candidate.path("index").asInt(position++), events);
        }
        return events;
    }

    private void candidate(JsonNode candidate, int index, List<byte[]> events) {
        if (!toolCallsByCandidate.containsKey(index)) {
            toolCallsByCandidate.put(index, 0);
            ObjectNode delta = JsonNodeFactory.instance.objectNode();
            delta.put("role", "assistant");
            delta.put("content", "");
            events.add(event(index, delta, null));
        }
        JsonNode parts = candidate.path("content").path("parts");
        String text = GeminiParts.text(parts);
        if (!text.isEmpty()) {
            streamedText.append(text);
            ObjectNode delta = JsonNodeFactory.instance.objectNode();
            delta.put("content", text);
            events.add(event(index, delta, null));
        }
        int callsBefore = toolCallsByCandidate.get(index);
        ArrayNode calls = GeminiParts.toolCalls(parts, id.substring("chatcmpl-".length()), index, callsBefore);
        if (!calls.isEmpty()) {
            toolCallsByCandidate.put(index, callsBefore + calls.size());
            calls.forEach(c -> streamedText.append(c.path("function").path("arguments").asText()));
            ObjectNode delta = JsonNodeFactory.instance.objectNode();
            delta.set("tool_calls", calls);
            events.add(event(index, delta, null));
        }
        if (candidate.hasNonNull("finishReason")) {
            String finish = GeminiFinish.toOpenAi(candidate.get("finishReason").asText(), toolCallsByCandidate.get(index) > 0);
            if (firstFinish == null) {
                firstFinish = finish;
            }
            events.add(event(index, JsonNodeFactory.instance.objectNode(), finish));
        }
    }

    private byte[] event(int index, ObjectNode delta, String finishReason) {
        ObjectNode chunk = header();
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", index);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return sse(chunk);
    }

    /** The usage chunk OpenAI sends last when the client asked for {@code stream_options.include_usage}. */
    byte[] usageEvent(Usage usage) {
        ObjectNode chunk = header();
        chunk.putArray("choices");
        chunk.set("usage", GeminiUsage.openAi(usage));
        return sse(chunk);
    }

    private ObjectNode header() {
        ObjectNode chunk = JsonNodeFactory.instance.objectNode();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        GeminiUsage.number(chunk, "created", created);
        chunk.put("model", model);
        return chunk;
    }

    private static byte[] sse(ObjectNode chunk) {
        return ("data: " + chunk + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    boolean finished() {
        return firstFinish != null;
    }

    String finishReason() {
        return firstFinish;
    }

    Optional<JsonNode> lastUsage() {
        return Optional.ofNullable(lastUsage);
    }

    String streamedText() {
        return streamedText.toString();
    }
}
