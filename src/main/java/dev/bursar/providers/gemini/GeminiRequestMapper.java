package dev.bursar.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An OpenAI chat request as a Gemini {@code GenerateContentRequest}. */
final class GeminiRequestMapper {

    private GeminiRequestMapper() {
    }

    static ObjectNode toGemini(String provider, JsonNode openAi) {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        GeminiContents.translate(provider, openAi.path("messages"), request);
        tools(openAi, request);
        ObjectNode generation = generationConfig(openAi);
        if (!generation.isEmpty()) {
            request.set("generationConfig", generation);
        }
        return request;
    }

    private static void tools(JsonNode openAi, ObjectNode request) {
        JsonNode tools = openAi.path("tools");
        if (tools.isArray() && !tools.isEmpty()) {
            ArrayNode declarations = request.putArray("tools").addObject().putArray("functionDeclarations");
            for (JsonNode tool : tools) {
                JsonNode fn = tool.path("function");
                ObjectNode d = declarations.addObject();
                d.put("name", fn.path("name").asText());
                if (fn.hasNonNull("description")) {
                    d.put("description", fn.get("description").asText());
                }
                if (fn.has("parameters")) {
                    d.set("parameters", GeminiSchema.of(fn.get("parameters")));
                }
            }
        }
        JsonNode choice = openAi.path("tool_choice");
        if (choice.isMissingNode() || choice.isNull()) {
            return;
        }
        ObjectNode config = request.putObject("toolConfig").putObject("functionCallingConfig");
        if (choice.isObject()) {
            config.put("mode", "ANY");
            config.putArray("allowedFunctionNames").add(choice.path("function").path("name").asText());
        } else {
            config.put("mode", switch (choice.asText()) {
                case "none" -> "NONE";
                case "required" -> "ANY";
                default -> "AUTO";
            });
        }
    }

    private static ObjectNode generationConfig(JsonNode openAi) {
        ObjectNode g = JsonNodeFactory.instance.objectNode();
        JsonNode max = openAi.hasNonNull("max_completion_tokens") ? openAi.get("max_completion_tokens") : openAi.path("max_tokens");
        copy(max, g, "maxOutputTokens");
        copy(openAi.path("temperature"), g, "temperature");
        copy(openAi.path("top_p"), g, "topP");
        copy(openAi.path("n"), g, "candidateCount");
        copy(openAi.path("presence_penalty"), g, "presencePenalty");
        copy(openAi.path("frequency_penalty"), g, "frequencyPenalty");
        copy(openAi.path("seed"), g, "seed");
        JsonNode stop = openAi.path("stop");
        if (stop.isTextual()) {
            g.putArray("stopSequences").add(stop.asText());
        } else if (stop.isArray() && !stop.isEmpty()) {
            g.set("stopSequences", stop);
        }
        JsonNode format = openAi.path("response_format");
        switch (format.path("type").asText("")) {
            case "json_object" -> g.put("responseMimeType", "application/json");
            case "json_schema" -> {
                g.put("responseMimeType", "application/json");
                JsonNode schema = format.path("json_schema").path("schema");
                if (schema.isObject()) {
                    g.set("responseSchema", GeminiSchema.of(schema));
                }
            }
            default -> { }
        }
        return g;
    }

    private static void copy(JsonNode value, ObjectNode target, String field) {
        if (!value.isMissingNode() && !value.isNull()) {
            target.set(field, value);
        }
    }
}
