package dev.bursar.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.providers.ProviderError;
import dev.bursar.providers.ProviderException;
import java.io.IOException;

/**
 * OpenAI chat messages -> Anthropic {@code system} + {@code messages}. System and developer messages join the
 * top-level {@code system}; assistant {@code tool_calls} become {@code tool_use} blocks; {@code tool} messages become
 * {@code tool_result} blocks of a user turn, consecutive ones in the same turn, as Anthropic wants every result of
 * one assistant turn answered together.
 */
final class OpenAiToAnthropicMessages {

    private final String provider;

    OpenAiToAnthropicMessages(String provider) {
        this.provider = provider;
    }

    void translate(JsonNode messages, ObjectNode out) {
        if (!messages.isArray() || messages.isEmpty()) {
            throw badRequest("messages must be a non-empty array");
        }
        StringBuilder system = new StringBuilder();
        ArrayNode target = AnthropicWire.JSON.createArrayNode();
        ArrayNode openToolResults = null;
        for (JsonNode message : messages) {
            String role = message.path("role").asText("");
            if (!role.equals("tool")) {
                openToolResults = null;
            }
            switch (role) {
                case "system", "developer" -> appendSystem(system, message.path("content"));
                case "user" -> target.addObject().put("role", "user").set("content", userContent(message.path("content")));
                case "assistant" -> target.addObject().put("role", "assistant").set("content", assistantContent(message));
                case "tool" -> {
                    if (openToolResults == null) {
                        openToolResults = target.addObject().put("role", "user").putArray("content");
                    }
                    openToolResults.add(toolResult(message));
                }
                default -> throw badRequest("message role '" + role + "' is not supported for Anthropic models:"
                        + " use system, developer, user, assistant or tool");
            }
        }
        if (!system.isEmpty()) {
            out.put("system", system.toString());
        }
        out.set("messages", target);
    }

    private void appendSystem(StringBuilder system, JsonNode content) {
        if (!system.isEmpty()) {
            system.append("\n\n");
        }
        system.append(plainText(content, "system"));
    }

    private JsonNode userContent(JsonNode content) {
        if (content.isTextual()) {
            return content;
        }
        if (!content.isArray()) {
            throw badRequest("user message content must be a string or an array of parts");
        }
        ArrayNode blocks = AnthropicWire.JSON.createArrayNode();
        for (JsonNode part : content) {
            switch (part.path("type").asText("")) {
                case "text" -> blocks.addObject().put("type", "text").put("text", part.path("text").asText(""));
                case "image_url" -> blocks.add(image(part.path("image_url").path("url").asText("")));
                default -> throw badRequest("content part type '" + part.path("type").asText()
                        + "' is not supported for Anthropic models: send text or image_url parts");
            }
        }
        return blocks;
    }

    /** data: URLs become base64 sources; http(s) URLs are fetched by Anthropic itself. */
    private ObjectNode image(String url) {
        ObjectNode block = AnthropicWire.JSON.createObjectNode().put("type", "image");
        ObjectNode source = block.putObject("source");
        if (url.startsWith("data:")) {
            int comma = url.indexOf(',');
            String meta = comma < 0 ? "" : url.substring(5, comma);
            if (!meta.endsWith(";base64")) {
                throw badRequest("image data URLs must be base64: data:image/png;base64,...");
            }
            source.put("type", "base64")
                    .put("media_type", meta.substring(0, meta.length() - ";base64".length()))
                    .put("data", url.substring(comma + 1));
        } else if (url.startsWith("https://") || url.startsWith("http://")) {
            source.put("type", "url").put("url", url);
        } else {
            throw badRequest("image_url.url must be a data: URL or an http(s) URL");
        }
        return block;
    }

    private JsonNode assistantContent(JsonNode message) {
        JsonNode calls = message.path("tool_calls");
        JsonNode content = message.path("content");
        if (!calls.isArray() || calls.isEmpty()) {
            return content.isTextual() ? content : AnthropicWire.JSON.getNodeFactory().textNode(plainText(content, "assistant"));
        }
        ArrayNode blocks = AnthropicWire.JSON.createArrayNode();
        String text = plainText(content, "assistant");
        if (!text.isEmpty()) {
            blocks.addObject().put("type", "text").put("text", text);
        }
        for (JsonNode call : calls) {
            JsonNode function = call.path("function");
            blocks.addObject().put("type", "tool_use")
                    .put("id", call.path("id").asText())
                    .put("name", function.path("name").asText())
                    .set("input", arguments(function.path("arguments").asText("")));
        }
        return blocks;
    }

    private JsonNode arguments(String json) {
        if (json.isBlank()) {
            return AnthropicWire.JSON.createObjectNode();
        }
        try {
            JsonNode input = AnthropicWire.JSON.readTree(json);
            if (input.isObject()) {
                return input;
            }
        } catch (IOException e) {
            // fall through to the error below
        }
        throw badRequest("tool call arguments must be a JSON object, got: " + json);
    }

    private ObjectNode toolResult(JsonNode message) {
        ObjectNode block = AnthropicWire.JSON.createObjectNode().put("type", "tool_result");
        if (!message.path("tool_call_id").isTextual()) {
            throw badRequest("tool messages need the tool_call_id of the call they answer");
        }
        block.put("tool_use_id", message.get("tool_call_id").asText());
        block.put("content", plainText(message.path("content"), "tool"));
        return block;
    }

    /** A string, or the text parts of a part array joined; other parts have no place in this role. */
    private String plainText(JsonNode content, String role) {
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isMissingNode() || content.isNull()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if (!part.path("type").asText("").equals("text")) {
                throw badRequest(role + " message content may only hold text parts, got '" + part.path("type").asText() + "'");
            }
            text.append(part.path("text").asText(""));
        }
        return text.toString();
    }

    private ProviderException badRequest(String message) {
        return new ProviderException(new ProviderError.BadRequest(provider, 0, message, null));
    }
}
