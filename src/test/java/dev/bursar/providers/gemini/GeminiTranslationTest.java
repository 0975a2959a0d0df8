package dev.bursar.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.pricing.Usage;
import dev.bursar.testing.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class GeminiTranslationTest {

    @Test
    void openai_request_with_system_tools_images_and_tool_results_becomes_a_gemini_request() {
        ObjectNode openAi = Golden.json("gemini/translate-request-openai.json");

        ObjectNode gemini = GeminiRequestMapper.toGemini("gemini", openAi);

        assertThat(gemini).isEqualTo(Golden.json("gemini/translate-request-gemini.json"));
    }

    @Test
    void function_call_response_becomes_openai_tool_calls_with_stable_ids() {
        JsonNode upstream = Golden.json("gemini/function-call-upstream-response.json");
        Usage usage = GeminiUsage.of(upstream.get("usageMetadata"));

        ObjectNode first = GeminiResponseMapper.toOpenAi(upstream, "gemini-2.5-pro", 1_752_200_000L, usage);
        ObjectNode again = GeminiResponseMapper.toOpenAi(upstream, "gemini-2.5-pro", 1_752_200_000L, usage);

        assertThat(first).as("ids derive from the response id: a replay gives the same ids").isEqualTo(again);
        JsonNode calls = first.path("choices").path(0).path("message").path("tool_calls");
        assertThat(calls.path(0).path("id").asText()).startsWith("call_").isNotEqualTo(calls.path(1).path("id").asText());
        for (int i = 0; i < calls.size(); i++) {
            ((ObjectNode) calls.get(i)).put("id", "CALL_ID_" + i);
        }
        assertThat(first).isEqualTo(Golden.json("gemini/function-call-client-response.json"));
    }

    @Test
    void a_tool_result_for_an_unknown_call_is_refused_with_a_clear_message() {
        ObjectNode openAi = Golden.json("gemini/translate-request-openai.json");
        ((ObjectNode) openAi.withArray("messages").get(4)).put("tool_call_id", "call_nope");

        var e = org.assertj.core.api.Assertions.catchThrowableOfType(dev.bursar.providers.ProviderException.class,
                () -> GeminiRequestMapper.toGemini("gemini", openAi));

        assertThat(e.error().kind()).isEqualTo("bad_request");
        assertThat(e.error().message()).contains("call_nope");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"STOP, stop", "MAX_TOKENS, length", "SAFETY, content_filter", "RECITATION, content_filter",
            "PROHIBITED_CONTENT, content_filter", "OTHER, stop"})
    void finish_reasons_map_to_the_openai_vocabulary(String gemini, String openAi) {
        assertThat(GeminiFinish.toOpenAi(gemini, false)).isEqualTo(openAi);
    }

    @Test
    void usage_counts_cached_tokens_inside_the_prompt_and_thinking_as_output() {
        JsonNode meta = Golden.json("gemini/chat-upstream-response.json").get("usageMetadata");

        Usage usage = GeminiUsage.of(meta);

        assertThat(usage).isEqualTo(new Usage(1289, 1024, 0, 0, 7 + 46, 46));
        assertThat(usage.totalTokens()).isEqualTo(meta.path("totalTokenCount").asLong());
    }

    @Test
    void json_schema_response_format_becomes_a_response_schema() {
        ObjectNode openAi = Golden.json("client/openai-chat-request.json");
        ObjectNode format = openAi.putObject("response_format");
        format.put("type", "json_schema");
        ObjectNode schema = format.putObject("json_schema").put("name", "answer").putObject("schema");
        schema.put("type", "object").put("additionalProperties", false);
        schema.putObject("properties").putObject("city").put("type", "string");

        JsonNode generation = GeminiRequestMapper.toGemini("gemini", openAi).path("generationConfig");

        assertThat(generation.path("responseMimeType").asText()).isEqualTo("application/json");
        assertThat(generation.path("responseSchema").has("additionalProperties")).isFalse();
        assertThat(generation.path("responseSchema").path("properties").path("city").path("type").asText()).isEqualTo("string");
    }
}
