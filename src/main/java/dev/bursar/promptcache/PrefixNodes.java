package dev.bursar.promptcache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.wire.ClientWire;
import java.util.Iterator;
import java.util.Map;

/**
 * The part of a chat request a provider would cache, cut out as a request of its own (so the token counter can count
 * it as it counts prompts). OpenAI caches automatically from the start of the prompt: the stable start is the tools
 * and the leading system (or developer) messages. Anthropic caches up to a {@code cache_control} breakpoint, in the
 * order tools, system, messages: the prefix ends at the last breakpoint, or after the system prompt when there is none
 * (where Bursar would put one). A request-level {@code cache_control} (Anthropic's automatic mode) caches the whole
 * prompt.
 */
final class PrefixNodes {

    static final String CACHE_CONTROL = "cache_control";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PrefixNodes() {
    }

    /** The prefix of {@code body} in the shape of a request on {@code wire}. */
    static ObjectNode of(ClientWire wire, JsonNode body) {
        return wire == ClientWire.ANTHROPIC ? anthropic(body) : openAi(body);
    }

    private static ObjectNode openAi(JsonNode body) {
        ObjectNode prefix = NODES.objectNode();
        ArrayNode messages = prefix.putArray("messages");
        for (JsonNode m : body.path("messages")) {
            String role = m.path("role").asText("");
            if (!role.equals("system") && !role.equals("developer")) {
                break;
            }
            messages.add(m);
        }
        copyArray(body, "tools", prefix);
        return prefix;
    }

    private static ObjectNode anthropic(JsonNode body) {
        ObjectNode prefix = NODES.objectNode();
        if (body.has(CACHE_CONTROL)) {
            copyArray(body, "tools", prefix);
            copy(body, "system", prefix);
            copyArray(body, "messages", prefix);
            return prefix;
        }
        JsonNode tools = body.path("tools");
        JsonNode system = body.path("system");
        JsonNode messages = body.path("messages");
        int lastMessage = lastMarked(messages);
        if (lastMessage >= 0) {
            copyArray(body, "tools", prefix);
            copy(body, "system", prefix);
            ArrayNode kept = prefix.putArray("messages");
            for (int i = 0; i < lastMessage; i++) {
                kept.add(messages.get(i));
            }
            kept.add(upToLastMark(messages.get(lastMessage)));
            return prefix;
        }
        int lastSystem = system.isArray() ? lastMarked(system) : -1;
        if (lastSystem >= 0 || lastMarked(tools) < 0) {
            copyArray(body, "tools", prefix);
            if (system.isArray() && lastSystem >= 0) {
                prefix.set("system", firstN(system, lastSystem + 1));
            } else {
                copy(body, "system", prefix);
            }
            return prefix;
        }
        prefix.set("tools", firstN(tools, lastMarked(tools) + 1));
        return prefix;
    }

    /** A message cut after its last content block that carries a breakpoint. */
    private static JsonNode upToLastMark(JsonNode message) {
        JsonNode content = message.path("content");
        int last = content.isArray() ? lastMarked(content) : -1;
        if (last < 0 || !message.isObject()) {
            return message;
        }
        ObjectNode cut = NODES.objectNode();
        cut.setAll((ObjectNode) message);
        cut.set("content", firstN(content, last + 1));
        return cut;
    }

    /** Index of the last element of an array that carries {@code cache_control} anywhere inside it, or -1. */
    static int lastMarked(JsonNode array) {
        if (!array.isArray()) {
            return -1;
        }
        for (int i = array.size() - 1; i >= 0; i--) {
            if (marked(array.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code cache_control} appears as a key anywhere in {@code node}: the client chose its own breakpoints. */
    static boolean marked(JsonNode node) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (f.getKey().equals(CACHE_CONTROL) || (f.getValue().isContainerNode() && marked(f.getValue()))) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                if (marked(child)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static ArrayNode firstN(JsonNode array, int n) {
        ArrayNode out = NODES.arrayNode(n);
        for (int i = 0; i < n; i++) {
            out.add(array.get(i));
        }
        return out;
    }

    private static void copyArray(JsonNode from, String field, ObjectNode to) {
        JsonNode v = from.get(field);
        if (v != null && v.isArray() && !v.isEmpty()) {
            to.set(field, v);
        }
    }

    private static void copy(JsonNode from, String field, ObjectNode to) {
        JsonNode v = from.get(field);
        if (v != null && !v.isNull()) {
            to.set(field, v);
        }
    }
}
