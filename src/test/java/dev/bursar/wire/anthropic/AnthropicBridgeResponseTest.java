package dev.bursar.wire.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.pricing.Usage;
import dev.bursar.testing.Golden;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicBridgeResponseTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"response-text", "response-tools"})
    void an_openai_completion_becomes_the_equivalent_anthropic_message(String golden) throws IOException {
        ObjectNode openAi = Golden.json("anthropic-bridge/" + golden + "-openai.json");

        ObjectNode anthropic = AnthropicBridge.toAnthropicResponse(openAi, "claude-sonnet-4-5");

        assertThat(asSentToTheClient(anthropic)).isEqualTo(Golden.json("anthropic-bridge/" + golden + "-anthropic.json"));
    }

    /** Numbers built as longs and parsed as ints are different node types; the client only ever sees the text. */
    private static JsonNode asSentToTheClient(ObjectNode node) throws IOException {
        return Golden.JSON.readTree(node.toString());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"stop, end_turn", "length, max_tokens", "tool_calls, tool_use", "function_call, tool_use",
            "content_filter, refusal", "some_new_reason, end_turn"})
    void finish_reasons_become_anthropic_stop_reasons(String finishReason, String stopReason) {
        ObjectNode openAi = Golden.json("anthropic-bridge/response-text-openai.json");
        ((ObjectNode) openAi.path("choices").get(0)).put("finish_reason", finishReason);

        ObjectNode anthropic = AnthropicBridge.toAnthropicResponse(openAi, "claude-sonnet-4-5");

        assertThat(anthropic.path("stop_reason").asText()).isEqualTo(stopReason);
    }

    @Test
    void a_response_without_usage_reports_the_adapters_usage() {
        ObjectNode openAi = Golden.json("anthropic-bridge/response-text-openai.json");
        openAi.remove("usage");

        ObjectNode anthropic = AnthropicBridge.toAnthropicResponse(openAi, "claude-sonnet-4-5", new Usage(100, 40, 0, 0, 12, 0));

        assertThat(anthropic.path("usage").path("input_tokens").asLong()).isEqualTo(60);
        assertThat(anthropic.path("usage").path("cache_read_input_tokens").asLong()).isEqualTo(40);
        assertThat(anthropic.path("usage").path("output_tokens").asLong()).isEqualTo(12);
    }

    @Test
    void a_refusal_becomes_text_with_the_refusal_stop_reason() {
        ObjectNode openAi = Golden.json("anthropic-bridge/response-text-openai.json");
        ObjectNode message = (ObjectNode) openAi.path("choices").get(0).path("message");
        message.putNull("content");
        message.put("refusal", "I can't help with that.");

        ObjectNode anthropic = AnthropicBridge.toAnthropicResponse(openAi, "claude-sonnet-4-5");

        assertThat(anthropic.path("content").get(0).path("text").asText()).isEqualTo("I can't help with that.");
        assertThat(anthropic.path("stop_reason").asText()).isEqualTo("refusal");
    }

    @Test
    void tool_arguments_that_are_not_a_json_object_are_reported_with_the_tool_name() {
        ObjectNode openAi = Golden.json("anthropic-bridge/response-tools-openai.json");
        ObjectNode function = (ObjectNode) openAi.path("choices").get(0).path("message").path("tool_calls").get(0).path("function");
        function.put("arguments", "{\"city\": \"Par");

        assertThatThrownBy(() -> AnthropicBridge.toAnthropicResponse(openAi, "claude-sonnet-4-5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("get_weather").hasMessageContaining("not a JSON object");
    }

    @Test
    void a_response_without_choices_is_refused() {
        ObjectNode openAi = Golden.JSON.createObjectNode().put("id", "chatcmpl-x");

        assertThatThrownBy(() -> AnthropicBridge.toAnthropicResponse(openAi, "claude-sonnet-4-5"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no choices[0]");
    }
}
