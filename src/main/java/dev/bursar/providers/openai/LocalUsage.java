package dev.bursar.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.pricing.Usage;
import dev.bursar.tokens.TokenCounter;

/** Local token counts for servers that answer without a usage block (some self-hosted ones); always estimates. */
final class LocalUsage {

    private LocalUsage() {
    }

    static Usage ofChat(JsonNode request, JsonNode answer, String model) {
        TokenCounter counter = TokenCounter.forModel(model);
        StringBuilder generated = new StringBuilder();
        for (JsonNode choice : answer.path("choices")) {
            JsonNode message = choice.path("message");
            appendText(generated, message.get("content"));
            appendText(generated, message.get("reasoning_content"));
            for (JsonNode call : message.path("tool_calls")) {
                appendText(generated, call.path("function").get("name"));
                appendText(generated, call.path("function").get("arguments"));
            }
        }
        return Usage.of(counter.countOpenAiPrompt(request), counter.count(generated.toString()));
    }

    /** {@code input} may be a string, an array of strings, or pre-tokenised arrays of token ids. */
    static Usage ofEmbedding(JsonNode request, String model) {
        TokenCounter counter = TokenCounter.forModel(model);
        JsonNode input = request.path("input");
        long tokens = 0;
        if (input.isTextual()) {
            tokens = counter.count(input.asText());
        } else {
            for (JsonNode item : input) {
                if (item.isTextual()) {
                    tokens += counter.count(item.asText());
                } else if (item.isArray()) {
                    tokens += item.size();
                } else if (item.isNumber()) {
                    tokens++;
                }
            }
        }
        return Usage.of(tokens, 0);
    }

    private static void appendText(StringBuilder out, JsonNode text) {
        if (text != null && text.isTextual()) {
            out.append(text.asText());
        }
    }
}
