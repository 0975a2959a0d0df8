package dev.bursar.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.providers.ProviderError;
import dev.bursar.providers.ProviderException;

/**
 * Translates an OpenAI Chat Completions request into an Anthropic Messages request. What Anthropic cannot do is
 * refused with a 400 that says what to change, never dropped silently when it would change the answer's shape.
 * Sampling knobs Anthropic lacks ({@code seed}, {@code frequency_penalty}, {@code presence_penalty},
 * {@code logit_bias}) are left out: they only nudge sampling.
 */
final class OpenAiToAnthropicRequest {

    /**
     * Anthropic requires {@code max_tokens}; OpenAI does not. The adapter has no model catalog, so an absent limit
     * becomes this fixed ceiling: every current Claude model can produce it, and it keeps the worst-case cost of
     * an unbounded request modest. Clients wanting longer answers set {@code max_tokens} themselves.
     */
    static final int DEFAULT_MAX_TOKENS = 4096;

    private final String provider;

    OpenAiToAnthropicRequest(String provider) {
        this.provider = provider;
    }

    ObjectNode translate(ObjectNode openAi, String upstreamModel) {
        refuseUnsupported(openAi);
        ObjectNode out = AnthropicWire.JSON.createObjectNode();
        out.put("model", upstreamModel);
        new OpenAiToAnthropicMessages(provider).translate(openAi.path("messages"), out);
        out.put("max_tokens", maxTokens(openAi));
        copyStop(openAi.path("stop"), out);
        copyNumber(openAi, "temperature", out);
        copyNumber(openAi, "top_p", out);
        if (openAi.path("user").isTextual()) {
            out.putObject("metadata").put("user_id", openAi.get("user").asText());
        }
        translateTools(openAi, out);
        if (openAi.path("stream").asBoolean(false)) {
            out.put("stream", true);
        }
        return out;
    }

    private void refuseUnsupported(ObjectNode openAi) {
        String format = openAi.path("response_format").path("type").asText("text");
        if (!format.equals("text")) {
            throw badRequest("response_format '" + format + "' is not supported for Anthropic models: describe the"
                    + " JSON shape in the prompt, or define it as a tool and force it with tool_choice");
        }
        if (openAi.path("n").asInt(1) != 1) {
            throw badRequest("n=" + openAi.get("n").asText() + " is not supported for Anthropic models: send one"
                    + " request per choice");
        }
        if (openAi.path("logprobs").asBoolean(false)) {
            throw badRequest("logprobs are not available from Anthropic models: remove 'logprobs'");
        }
    }

    private int maxTokens(ObjectNode openAi) {
        JsonNode limit = openAi.hasNonNull("max_completion_tokens") ? openAi.get("max_completion_tokens")
                : openAi.path("max_tokens");
        if (limit.isMissingNode() || limit.isNull()) {
            return DEFAULT_MAX_TOKENS;
        }
        if (!limit.canConvertToInt() || limit.asInt() < 1) {
            throw badRequest("max_tokens must be a positive integer, got " + limit);
        }
        return limit.asInt();
    }

    private static void copyStop(JsonNode stop, ObjectNode out) {
        if (stop.isTextual()) {
            out.putArray("stop_sequences").add(stop.asText());
        } else if (stop.isArray() && !stop.isEmpty()) {
            out.putArray("stop_sequences").addAll((ArrayNode) stop);
        }
    }

    private static void copyNumber(ObjectNode from, String field, ObjectNode out) {
        if (from.path(field).isNumber()) {
            out.set(field, from.get(field));
        }
    }

    private void translateTools(ObjectNode openAi, ObjectNode out) {
        JsonNode tools = openAi.path("tools");
        if (tools.isArray() && !tools.isEmpty()) {
            ArrayNode target = out.putArray("tools");
            for (JsonNode tool : tools) {
                target.add(tool(tool));
            }
        }
        JsonNode choice = openAi.path("tool_choice");
        ObjectNode translated = choice.isMissingNode() || choice.isNull() ? null : toolChoice(choice);
        if (openAi.path("parallel_tool_calls").isBoolean() && !openAi.get("parallel_tool_calls").asBoolean()
                && out.has("tools")) {
            translated = translated == null ? AnthropicWire.JSON.createObjectNode().put("type", "auto") : translated;
            translated.put("disable_parallel_tool_use", true);
        }
        if (translated != null) {
            out.set("tool_choice", translated);
        }
    }

    private ObjectNode tool(JsonNode tool) {
        if (!tool.path("type").asText("function").equals("function")) {
            throw badRequest("tool type '" + tool.path("type").asText() + "' is not supported for Anthropic models:"
                    + " only 'function' tools translate");
        }
        JsonNode function = tool.path("function");
        if (!function.path("name").isTextual()) {
            throw badRequest("every tool needs function.name");
        }
        ObjectNode out = AnthropicWire.JSON.createObjectNode();
        out.put("name", function.get("name").asText());
        if (function.path("description").isTextual()) {
            out.put("description", function.get("description").asText());
        }
        JsonNode schema = function.path("parameters");
        if (schema.isObject()) {
            out.set("input_schema", schema);
        } else {
            // Anthropic requires a schema; OpenAI allows a function without parameters.
            out.putObject("input_schema").put("type", "object").putObject("properties");
        }
        return out;
    }

    private ObjectNode toolChoice(JsonNode choice) {
        ObjectNode out = AnthropicWire.JSON.createObjectNode();
        if (choice.isTextual()) {
            switch (choice.asText()) {
                case "auto" -> out.put("type", "auto");
                case "none" -> out.put("type", "none");
                case "required" -> out.put("type", "any");
                default -> throw badRequest("tool_choice '" + choice.asText()
                        + "' is unknown: use auto, none, required or {\"type\":\"function\",...}");
            }
            return out;
        }
        String name = choice.path("function").path("name").asText(null);
        if (name == null) {
            throw badRequest("tool_choice must name a function: {\"type\":\"function\",\"function\":{\"name\":...}}");
        }
        return out.put("type", "tool").put("name", name);
    }

    private ProviderException badRequest(String message) {
        return new ProviderException(new ProviderError.BadRequest(provider, 0, message, null));
    }
}
