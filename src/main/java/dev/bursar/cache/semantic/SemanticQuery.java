package dev.bursar.cache.semantic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.wire.ClientWire;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the semantic cache matches, built from a request body. Two parts:
 *
 * <ul>
 *   <li>{@code fixed}: what must be identical for a hit: the system prompt, every assistant turn (with its tool calls),
 *       the tool definitions and response format, and where the user turns sit between them. Two conversations that
 *       got different answers earlier never share a follow-up ("who painted it" after two different paintings);
 *       a conversation whose earlier turn was itself answered from the cache has the very same assistant turn, so its
 *       paraphrased follow-up still hits.</li>
 *   <li>{@code conversation}: the user turns, oldest first, one per line: what is compared by meaning (embedding and
 *       near-miss guard), so "and in Python?" is compared together with the question it follows.</li>
 * </ul>
 *
 * @param fixed        the exact part, as canonical text
 * @param conversation the user turns joined by newlines, the latest last
 */
public record SemanticQuery(String fixed, String conversation) {

    private static final char SEP = '\u0000';

    public SemanticQuery {
        if (conversation == null || conversation.isBlank()) {
            throw new IllegalArgumentException("a semantic query needs a user turn with text");
        }
        fixed = fixed == null ? "" : fixed;
    }

    /** A single user question without system prompt or history (the eval command's pairs). */
    public static SemanticQuery question(String text) {
        return new SemanticQuery("", text);
    }

    /**
     * The query of a chat-completions ({@link ClientWire#OPENAI}) or messages ({@link ClientWire#ANTHROPIC}) body;
     * empty when the semantic cache must not answer it: images, audio, files or tool results in the messages (their
     * meaning is not in the text), no user text, or a shape this does not know.
     */
    public static Optional<SemanticQuery> of(ClientWire wire, JsonNode body) {
        if (body == null || !body.path("messages").isArray()) {
            return Optional.empty();
        }
        Builder b = new Builder();
        for (String field : List.of("tools", "functions", "tool_choice", "response_format", "output_format")) {
            if (body.has(field)) {
                b.fixed(field, body.get(field).toString());
            }
        }
        boolean ok = switch (wire) {
            case OPENAI -> OpenAiBody.read(body, b);
            case ANTHROPIC -> AnthropicBody.read(body, b);
        };
        return ok ? b.build() : Optional.empty();
    }

    /** Collects the two parts while a body is read. */
    static final class Builder {
        private final StringBuilder fixed = new StringBuilder();
        private final List<String> userTurns = new ArrayList<>();

        void fixed(String role, String text) {
            fixed.append(role).append(':').append(text).append(SEP);
        }

        void user(String text) {
            fixed.append("user").append(SEP);
            userTurns.add(text.strip());
        }

        Optional<SemanticQuery> build() {
            if (userTurns.isEmpty() || userTurns.stream().allMatch(String::isBlank)) {
                return Optional.empty();
            }
            return Optional.of(new SemanticQuery(fixed.toString(), String.join("\n", userTurns)));
        }
    }

    /** The text blocks of a content array joined, or null if a block is not text (an image, a file, a tool result). */
    static String textOf(JsonNode content, String textType) {
        if (content.isTextual()) {
            return content.asText();
        }
        if (!content.isArray()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : content) {
            if (block.isTextual()) {
                text.append(block.asText());
                continue;
            }
            if (!textType.equals(block.path("type").asText()) || !block.path("text").isTextual()) {
                return null;
            }
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(block.path("text").asText());
        }
        return text.toString();
    }
}
