package dev.bursar.wire.anthropic;

import dev.bursar.wire.BadRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Anthropic conversation turns -> OpenAI chat messages. Anthropic puts tool results inside a user turn as blocks;
 * OpenAI wants one {@code tool} message per result, right after the assistant message that called the tools, so
 * a user turn becomes its tool messages first, then a user message with the remaining blocks.
 */
final class BridgeMessages {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private BridgeMessages() {
    }

    static void convert(JsonNode messages, ArrayNode out) {
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw BadRequest.of("invalid_request", null, "messages must be a non-empty array of {role, content} turns");
        }
        int i = 0;
        for (JsonNode message : messages) {
            String where = "messages[" + i++ + "]";
            String role = message.path("role").asText("");
            JsonNode content = message.get("content");
            if (content == null || !(content.isTextual() || content.isArray())) {
                throw BadRequest.of("invalid_request", null, where + ".content must be a string or an array of content blocks");
            }
            switch (role) {
                case "user" -> user(content, out, where);
                case "assistant" -> assistant(content, out, where);
                default -> throw BadRequest.of("invalid_request", null, where + ".role must be 'user' or 'assistant', got '" + role
                        + "' (put system instructions in the top-level 'system' field)");
            }
        }
    }

    private static void user(JsonNode content, ArrayNode out, String where) {
        if (content.isTextual()) {
            out.addObject().put("role", "user").put("content", content.asText());
            return;
        }
        ArrayNode parts = NODES.arrayNode();
        for (JsonNode block : content) {
            String type = block.path("type").asText("");
            switch (type) {
                case "text" -> parts.add(textPart(block, where));
                case "image" -> parts.add(imagePart(block, where));
                case "document" -> parts.add(documentPart(block, where));
                case "tool_result" -> out.add(toolMessage(block, parts, where));
                case "thinking", "redacted_thinking" -> { }
                default -> throw unsupported(type, where);
            }
        }
        if (!parts.isEmpty()) {
            ObjectNode message = out.addObject().put("role", "user");
            if (parts.size() == 1 && parts.get(0).path("type").asText().equals("text")) {
                message.set("content", parts.get(0).get("text"));
            } else {
                message.set("content", parts);
            }
        }
    }

    private static void assistant(JsonNode content, ArrayNode out, String where) {
        ObjectNode message = out.addObject().put("role", "assistant");
        if (content.isTextual()) {
            message.put("content", content.asText());
            return;
        }
        StringBuilder text = new StringBuilder();
        ArrayNode calls = NODES.arrayNode();
        for (JsonNode block : content) {
            String type = block.path("type").asText("");
            switch (type) {
                case "text" -> text.append(textPart(block, where).get("text").asText());
                case "tool_use" -> calls.add(toolCall(block, where));
                case "thinking", "redacted_thinking" -> { }
                default -> throw unsupported(type, where);
            }
        }
        if (!text.isEmpty() || calls.isEmpty()) {
            message.put("content", text.toString());
        } else {
            message.putNull("content");
        }
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
    }

    private static ObjectNode textPart(JsonNode block, String where) {
        JsonNode text = block.get("text");
        if (text == null || !text.isTextual()) {
            throw BadRequest.of("invalid_request", null, where + ": a text block needs a string 'text'");
        }
        ObjectNode part = NODES.objectNode().put("type", "text");
        part.set("text", text);
        return part;
    }

    private static ObjectNode imagePart(JsonNode block, String where) {
        JsonNode source = block.path("source");
        String url = switch (source.path("type").asText("")) {
            case "base64" -> "data:" + BridgeRequest.requiredText(source, "media_type", where + ".source") + ";base64,"
                    + BridgeRequest.requiredText(source, "data", where + ".source");
            case "url" -> BridgeRequest.requiredText(source, "url", where + ".source");
            default -> throw BadRequest.of("invalid_request", null, where + ": image source type must be 'base64' or 'url' for an"
                    + " OpenAI-compatible provider, got '" + source.path("type").asText("") + "'");
        };
        ObjectNode part = NODES.objectNode().put("type", "image_url");
        part.putObject("image_url").put("url", url);
        return part;
    }

    private static ObjectNode documentPart(JsonNode block, String where) {
        JsonNode source = block.path("source");
        String type = source.path("type").asText("");
        if (type.equals("text")) {
            return NODES.objectNode().put("type", "text").put("text", BridgeRequest.requiredText(source, "data", where + ".source"));
        }
        if (type.equals("base64") && source.path("media_type").asText().equals("application/pdf")) {
            ObjectNode part = NODES.objectNode().put("type", "file");
            part.putObject("file").put("filename", block.path("title").asText("document.pdf"))
                    .put("file_data", "data:application/pdf;base64," + BridgeRequest.requiredText(source, "data", where + ".source"));
            return part;
        }
        throw BadRequest.of("invalid_request", null, where + ": only text documents and base64 PDFs can be sent to an"
                + " OpenAI-compatible provider, got source type '" + type + "'");
    }

    /** A tool result becomes a tool message; images in it cannot go there, so they join the user message after. */
    private static ObjectNode toolMessage(JsonNode block, ArrayNode userParts, String where) {
        String id = BridgeRequest.requiredText(block, "tool_use_id", where + ".tool_result");
        JsonNode content = block.get("content");
        StringBuilder text = new StringBuilder();
        if (content != null && content.isTextual()) {
            text.append(content.asText());
        } else if (content != null && content.isArray()) {
            for (JsonNode part : content) {
                switch (part.path("type").asText("")) {
                    case "text" -> text.append(text.isEmpty() ? "" : "\n").append(textPart(part, where).get("text").asText());
                    case "image" -> userParts.add(imagePart(part, where));
                    default -> throw unsupported(part.path("type").asText(""), where + ".tool_result");
                }
            }
        }
        return NODES.objectNode().put("role", "tool").put("tool_call_id", id).put("content", text.toString());
    }

    private static ObjectNode toolCall(JsonNode block, String where) {
        ObjectNode call = NODES.objectNode();
        call.put("id", BridgeRequest.requiredText(block, "id", where + ".tool_use"));
        call.put("type", "function");
        JsonNode input = block.get("input");
        call.putObject("function")
                .put("name", BridgeRequest.requiredText(block, "name", where + ".tool_use"))
                .put("arguments", input == null || input.isNull() ? "{}" : input.toString());
        return call;
    }

    private static BadRequest unsupported(String type, String where) {
        return BadRequest.of("invalid_request", null, where + ": content block type '" + type + "' cannot be sent to an"
                + " OpenAI-compatible provider (supported: text, image, document, tool_use, tool_result)");
    }
}
