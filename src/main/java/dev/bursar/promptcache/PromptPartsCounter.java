package dev.bursar.promptcache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.ledger.PromptParts;
import dev.bursar.tokens.TokenCounter;
import dev.bursar.wire.ClientWire;

/**
 * Counts, on the request path, the two parts of a chat prompt a provider's usage does not break out: the system
 * prompt with the tool definitions (OpenAI: the leading system or developer messages; Anthropic: {@code system}) and
 * the last user message. The conversation between them is what remains of the provider's input count, so it is never
 * counted here. Cheap because {@link TokenCounter} remembers the texts it has counted: a system prompt that repeats
 * costs a map lookup, and only the last user message, usually short, is encoded afresh.
 */
final class PromptPartsCounter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectNode EMPTY = NODES.objectNode();

    private PromptPartsCounter() {
    }

    static PromptParts.Counted count(ClientWire wire, String model, JsonNode body) {
        TokenCounter counter = TokenCounter.forModel(model);
        ObjectNode system = NODES.objectNode();
        ObjectNode lastUser = NODES.objectNode();
        if (wire == ClientWire.ANTHROPIC) {
            copy(body, "system", system);
        } else {
            var messages = system.putArray("messages");
            for (JsonNode m : body.path("messages")) {
                String role = m.path("role").asText("");
                if (!role.equals("system") && !role.equals("developer")) {
                    break;
                }
                messages.add(m);
            }
            if (messages.isEmpty()) {
                system.remove("messages");
            }
        }
        JsonNode tools = body.path("tools");
        if (tools.isArray() && !tools.isEmpty()) {
            system.set("tools", tools);
        }
        JsonNode last = lastUser(body.path("messages"));
        if (last != null) {
            lastUser.putArray("messages").add(last);
        }
        int systemTokens = system.isEmpty() ? 0 : tokens(wire, counter, system);
        int lastUserTokens = last == null ? 0 : tokens(wire, counter, lastUser);
        return new PromptParts.Counted(system.isEmpty() ? null : PrefixFingerprint.hash(system), systemTokens, lastUserTokens);
    }

    /** A part's tokens as framed in a prompt, without the reply priming every prompt carries once. */
    private static int tokens(ClientWire wire, TokenCounter counter, ObjectNode part) {
        return wire == ClientWire.ANTHROPIC
                ? counter.countAnthropicPrompt(part) - counter.countAnthropicPrompt(EMPTY)
                : counter.countOpenAiPrompt(part) - counter.countOpenAiPrompt(EMPTY);
    }

    private static JsonNode lastUser(JsonNode messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).path("role").asText(""))) {
                return messages.get(i);
            }
        }
        return null;
    }

    private static void copy(JsonNode from, String field, ObjectNode to) {
        JsonNode v = from.get(field);
        if (v != null && !v.isNull() && !(v.isTextual() && v.textValue().isEmpty()) && !(v.isArray() && v.isEmpty())) {
            to.set(field, v);
        }
    }
}
