package dev.bursar.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.providers.ProviderError;
import dev.bursar.providers.ProviderException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * OpenAI {@code messages} as Gemini {@code systemInstruction} and {@code contents}: system and developer messages
 * become the system instruction; user and assistant turns become roles {@code user} and {@code model}; assistant
 * tool calls become {@code functionCall} parts and tool results {@code functionResponse} parts of one user turn.
 */
final class GeminiContents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String provider;
    private final ArrayNode systemParts = NODES.arrayNode();
    private final ArrayNode contents = NODES.arrayNode();
    /** tool_call_id -> function name: Gemini answers a call by the function's name, not by an id. */
    private final Map<String, String> callNames = new HashMap<>();
    private ObjectNode toolTurn;

    private GeminiContents(String provider) {
        this.provider = provider;
    }

    /** Adds {@code systemInstruction} (if any) and {@code contents} to {@code request}. */
    static void translate(String provider, JsonNode messages, ObjectNode request) {
        GeminiContents c = new GeminiContents(provider);
        for (JsonNode m : messages) {
            c.add(m);
        }
        if (!c.systemParts.isEmpty()) {
            request.putObject("systemInstruction").set("parts", c.systemParts);
        }
        request.set("contents", c.contents);
    }

    private void add(JsonNode m) {
        String role = m.path("role").asText("");
        if (!role.equals("tool")) {
            toolTurn = null;
        }
        switch (role) {
            case "system", "developer" -> systemParts.addAll(parts(m.path("content")));
            case "user" -> turn("user").set("parts", parts(m.path("content")));
            case "assistant" -> assistant(m);
            case "tool" -> toolResult(m);
            default -> throw bad("message role '" + role + "' is not one of system, developer, user, assistant, tool");
        }
    }

    private ObjectNode turn(String role) {
        ObjectNode turn = contents.addObject();
        turn.put("role", role);
        return turn;
    }

    private void assistant(JsonNode m) {
        ArrayNode parts = parts(m.path("content"));
        for (JsonNode call : m.path("tool_calls")) {
            JsonNode fn = call.path("function");
            callNames.put(call.path("id").asText(), fn.path("name").asText());
            ObjectNode functionCall = parts.addObject().putObject("functionCall");
            functionCall.put("name", fn.path("name").asText());
            functionCall.set("args", arguments(fn.path("arguments").asText("{}")));
        }
        turn("model").set("parts", parts);
    }

    private void toolResult(JsonNode m) {
        String id = m.path("tool_call_id").asText("");
        String name = callNames.get(id);
        if (name == null) {
            throw bad("tool message answers tool_call_id '" + id + "', which no earlier assistant message called");
        }
        if (toolTurn == null) {
            toolTurn = turn("user");
            toolTurn.putArray("parts");
        }
        ObjectNode response = ((ArrayNode) toolTurn.get("parts")).addObject().putObject("functionResponse");
        response.put("name", name);
        response.set("response", resultObject(text(m.path("content"))));
    }

    private ArrayNode parts(JsonNode content) {
        ArrayNode parts = NODES.arrayNode();
        if (content.isTextual()) {
            parts.addObject().put("text", content.asText());
            return parts;
        }
        for (JsonNode part : content) {
            switch (part.path("type").asText("")) {
                case "text" -> parts.addObject().put("text", part.path("text").asText(""));
                case "image_url" -> parts.add(image(part.path("image_url").path("url").asText("")));
                case "input_audio" -> {
                    ObjectNode inline = parts.addObject().putObject("inlineData");
                    inline.put("mimeType", "audio/" + part.path("input_audio").path("format").asText("wav"));
                    inline.put("data", part.path("input_audio").path("data").asText(""));
                }
                default -> throw bad("content part type '" + part.path("type").asText()
                        + "' cannot be sent to Gemini (supported: text, image_url, input_audio)");
            }
        }
        return parts;
    }

    /** {@code data:} URLs travel inline; other URLs are passed as file references Gemini fetches itself. */
    private ObjectNode image(String url) {
        ObjectNode part = NODES.objectNode();
        if (url.startsWith("data:")) {
            int comma = url.indexOf(',');
            int semicolon = url.indexOf(';');
            if (comma < 0 || semicolon < 0 || semicolon > comma) {
                throw bad("image data URL must look like data:<mime type>;base64,<data>");
            }
            ObjectNode inline = part.putObject("inlineData");
            inline.put("mimeType", url.substring(5, semicolon));
            inline.put("data", url.substring(comma + 1));
        } else {
            ObjectNode file = part.putObject("fileData");
            file.put("mimeType", mimeFromExtension(url));
            file.put("fileUri", url);
        }
        return part;
    }

    private static String mimeFromExtension(String url) {
        String path = url.toLowerCase(Locale.ROOT);
        int q = path.indexOf('?');
        path = q < 0 ? path : path.substring(0, q);
        if (path.endsWith(".png")) {
            return "image/png";
        } else if (path.endsWith(".webp")) {
            return "image/webp";
        } else if (path.endsWith(".gif")) {
            return "image/gif";
        } else if (path.endsWith(".heic")) {
            return "image/heic";
        }
        return "image/jpeg";
    }

    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder sb = new StringBuilder();
        content.forEach(p -> sb.append(p.path("text").asText("")));
        return sb.toString();
    }

    private JsonNode arguments(String json) {
        try {
            JsonNode args = JSON.readTree(json.isBlank() ? "{}" : json);
            if (!args.isObject()) {
                throw bad("tool call arguments must be a JSON object, got: " + json);
            }
            return args;
        } catch (IOException e) {
            throw bad("tool call arguments are not valid JSON: " + json);
        }
    }

    /** Gemini wants an object as the function's response; anything else is wrapped as {@code {"result": ...}}. */
    private static ObjectNode resultObject(String content) {
        try {
            JsonNode parsed = JSON.readTree(content);
            if (parsed != null && parsed.isObject()) {
                return (ObjectNode) parsed;
            }
        } catch (IOException notJson) {
            // plain text result
        }
        ObjectNode wrapped = NODES.objectNode();
        wrapped.put("result", content);
        return wrapped;
    }

    private ProviderException bad(String message) {
        return new ProviderException(new ProviderError.BadRequest(provider, 0, message, null));
    }
}
