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
 * counted here.
 *
 * <p>Kept cheap: a system prompt is counted once per process and model and remembered by its hash
 * ({@link PrefixCounts}). The first time one is seen in a single-turn request (system, then one user message) it is
 * not counted at all: the provider's input count minus the last user message is exactly its size
 * ({@link PromptParts.Counted#FROM_PROVIDER}). So a system prompt that is new on every request (today's date, the
 * user's name in it) costs a hash, not a byte-pair encoding; only a new one in a multi-turn request is encoded at once.
 * Public for the benchmark (bench/promptparts.sh); the gateway reaches it through {@link PromptCaching#prefix}.
 */
public final class PromptPartsCounter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectNode EMPTY = NODES.objectNode();

    private final PrefixCounts systemCounts = new PrefixCounts(PrefixCounts.DEFAULT_CAPACITY);

    public PromptParts.Counted count(ClientWire wire, String model, JsonNode body) {
        TokenCounter counter = TokenCounter.forModel(model);
        ObjectNode system = system(wire, body);
        JsonNode messages = body.path("messages");
        JsonNode last = lastUser(messages);
        int lastUserTokens = 0;
        if (last != null) {
            ObjectNode lastUser = NODES.objectNode();
            lastUser.putArray("messages").add(last);
            lastUserTokens = tokens(wire, counter, lastUser);
        }
        int priming = tokens(wire, counter, EMPTY, 0);
        if (system.isEmpty()) {
            return new PromptParts.Counted(null, 0, lastUserTokens, priming);
        }
        String hash = PrefixFingerprint.hash(system);
        int systemTokens = systemCounts.tokens(model, hash, () -> tokens(wire, counter, system));
        if (systemTokens == PrefixCounts.FIRST_SIGHTING) {
            systemTokens = last != null && messages.size() - conversationStart(wire, messages) == 1
                    ? PromptParts.Counted.FROM_PROVIDER : tokens(wire, counter, system);
        }
        return new PromptParts.Counted(hash, systemTokens, lastUserTokens, priming);
    }

    private static ObjectNode system(ClientWire wire, JsonNode body) {
        ObjectNode system = NODES.objectNode();
        if (wire == ClientWire.ANTHROPIC) {
            JsonNode v = body.get("system");
            if (v != null && !v.isNull() && !(v.isTextual() && v.textValue().isEmpty()) && !(v.isArray() && v.isEmpty())) {
                system.set("system", v);
            }
        } else {
            JsonNode messages = body.path("messages");
            int n = conversationStart(wire, messages);
            if (n > 0) {
                var leading = system.putArray("messages");
                for (int i = 0; i < n; i++) {
                    leading.add(messages.get(i));
                }
            }
        }
        JsonNode tools = body.path("tools");
        if (tools.isArray() && !tools.isEmpty()) {
            system.set("tools", tools);
        }
        return system;
    }

    /** Index of the first message after the leading system or developer messages (always 0 on the Anthropic wire). */
    private static int conversationStart(ClientWire wire, JsonNode messages) {
        if (wire == ClientWire.ANTHROPIC) {
            return 0;
        }
        int i = 0;
        while (i < messages.size()) {
            String role = messages.get(i).path("role").asText("");
            if (!role.equals("system") && !role.equals("developer")) {
                break;
            }
            i++;
        }
        return i;
    }

    /** A part's tokens as framed in a prompt, without the reply priming every prompt carries once. */
    private static int tokens(ClientWire wire, TokenCounter counter, ObjectNode part) {
        return tokens(wire, counter, part, tokens(wire, counter, EMPTY, 0));
    }

    private static int tokens(ClientWire wire, TokenCounter counter, ObjectNode part, int priming) {
        return (wire == ClientWire.ANTHROPIC ? counter.countAnthropicPrompt(part) : counter.countOpenAiPrompt(part)) - priming;
    }

    private static JsonNode lastUser(JsonNode messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).path("role").asText(""))) {
                return messages.get(i);
            }
        }
        return null;
    }
}
