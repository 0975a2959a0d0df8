package dev.bursar.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.pricing.Usage;
import java.util.Iterator;
import java.util.Map;

/**
 * Anthropic's usage block in Bursar's convention. Anthropic reports {@code input_tokens} <em>beside</em>
 * {@code cache_read_input_tokens} and {@code cache_creation_input_tokens}: only the uncached remainder is in
 * {@code input_tokens}. Taking it for the whole prompt under-bills every cached call, so the whole prompt is the
 * sum of the three, and the cache parts are kept as parts of it.
 */
final class AnthropicUsage {

    private AnthropicUsage() {
    }

    /**
     * Maps a raw usage block. Cache writes are split by TTL from {@code cache_creation.ephemeral_5m_input_tokens}
     * and {@code ephemeral_1h_input_tokens}; without that breakdown every write is a 5-minute write (the default
     * TTL). Should the breakdown sum to less than {@code cache_creation_input_tokens}, the remainder is billed as
     * 5-minute writes too, so no reported token goes unpriced.
     */
    static Usage toUsage(JsonNode raw) {
        long uncached = count(raw, "input_tokens");
        long read = count(raw, "cache_read_input_tokens");
        JsonNode breakdown = raw.path("cache_creation");
        long write1h = count(breakdown, "ephemeral_1h_input_tokens");
        long write5m = count(breakdown, "ephemeral_5m_input_tokens");
        long writes = Math.max(count(raw, "cache_creation_input_tokens"), write5m + write1h);
        write5m = writes - write1h;
        return new Usage(uncached + read + writes, read, write5m, write1h, count(raw, "output_tokens"), 0);
    }

    /**
     * Merges the usage of {@code message_start} with a later {@code message_delta}'s. Delta counts are cumulative,
     * so for every count the larger value wins: a delta that leaves out (or zeroes) the input counts never erases
     * what {@code message_start} reported. Non-numeric fields of the delta replace the start's.
     */
    static ObjectNode merge(JsonNode start, JsonNode delta) {
        ObjectNode merged = start.isObject() ? ((ObjectNode) start).deepCopy() : AnthropicWire.JSON.createObjectNode();
        if (delta.isObject()) {
            mergeInto(merged, (ObjectNode) delta);
        }
        return merged;
    }

    private static void mergeInto(ObjectNode target, ObjectNode source) {
        for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode mine = target.get(e.getKey());
            JsonNode theirs = e.getValue();
            if (theirs.isNull()) {
                target.putIfAbsent(e.getKey(), theirs);
            } else if (theirs.isIntegralNumber() && mine != null && mine.isIntegralNumber()) {
                AnthropicWire.putCount(target, e.getKey(), Math.max(mine.asLong(), theirs.asLong()));
            } else if (theirs.isObject() && mine != null && mine.isObject()) {
                mergeInto((ObjectNode) mine, (ObjectNode) theirs);
            } else {
                target.set(e.getKey(), theirs.deepCopy());
            }
        }
    }

    /** The usage in OpenAI's chat shape, for an OpenAI client: the whole prompt, its cached part, the output. */
    static ObjectNode toOpenAi(Usage usage) {
        ObjectNode node = AnthropicWire.JSON.createObjectNode();
        AnthropicWire.putCount(node, "prompt_tokens", usage.inputTokens());
        AnthropicWire.putCount(node, "completion_tokens", usage.outputTokens());
        AnthropicWire.putCount(node, "total_tokens", usage.totalTokens());
        AnthropicWire.putCount(node.putObject("prompt_tokens_details"), "cached_tokens", usage.cachedInputTokens());
        return node;
    }

    private static long count(JsonNode node, String field) {
        return Math.max(0, node.path(field).asLong(0));
    }
}
