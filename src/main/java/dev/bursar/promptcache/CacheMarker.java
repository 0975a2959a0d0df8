package dev.bursar.promptcache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Puts Anthropic's {@code cache_control} breakpoint at the end of a request's system prompt: a string system prompt
 * becomes one text block, and the last block gets {@code "cache_control": {"type": "ephemeral"}} (5 minutes).
 * Everything before the breakpoint (tools, then system) is then cached by the provider. The client's request is
 * never changed: the marked request is a copy that shares every untouched part with it.
 */
final class CacheMarker {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CacheMarker() {
    }

    /** Whether the request has a system prompt a breakpoint can go on (a non-empty string, or text blocks). */
    static boolean markable(JsonNode body) {
        JsonNode system = body.get("system");
        if (system == null) {
            return false;
        }
        if (system.isTextual()) {
            return !system.textValue().isEmpty();
        }
        return system.isArray() && !system.isEmpty() && system.get(system.size() - 1).isObject()
                && "text".equals(system.get(system.size() - 1).path("type").asText());
    }

    /** A copy of {@code body} with the breakpoint on its system prompt; call only when {@link #markable}. */
    static ObjectNode marked(ObjectNode body) {
        JsonNode system = body.get("system");
        ArrayNode blocks = NODES.arrayNode();
        if (system.isTextual()) {
            blocks.addObject().put("type", "text").put("text", system.textValue());
        } else {
            for (int i = 0; i < system.size() - 1; i++) {
                blocks.add(system.get(i));
            }
            blocks.add(system.get(system.size() - 1).deepCopy());
        }
        ((ObjectNode) blocks.get(blocks.size() - 1)).putObject(PrefixNodes.CACHE_CONTROL).put("type", "ephemeral");
        ObjectNode copy = NODES.objectNode();
        copy.setAll(body);
        copy.set("system", blocks);
        return copy;
    }
}
