package dev.bursar.wire.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.testing.Golden;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicBridgeRequestTest {

    @Test
    void a_full_anthropic_request_becomes_the_equivalent_openai_request() {
        ObjectNode anthropic = Golden.json("anthropic-bridge/request-anthropic.json");

        ObjectNode openAi = AnthropicBridge.toOpenAiRequest(anthropic);

        assertThat(openAi).isEqualTo(Golden.json("anthropic-bridge/request-openai.json"));
    }

    @Test
    void a_stream_request_asks_the_provider_for_usage() {
        ObjectNode anthropic = minimal().put("stream", true);

        ObjectNode openAi = AnthropicBridge.toOpenAiRequest(anthropic);

        assertThat(openAi.path("stream").asBoolean()).isTrue();
        assertThat(openAi.path("stream_options").path("include_usage").asBoolean()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"type\":\"auto\"}                  | \"auto\"",
            "{\"type\":\"any\"}                   | \"required\"",
            "{\"type\":\"none\"}                  | \"none\"",
            "{\"type\":\"tool\",\"name\":\"get_weather\"} | {\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}"})
    void tool_choice_maps_to_openais_vocabulary(String anthropicChoice, String openAiChoice) throws IOException {
        ObjectNode anthropic = withTool(minimal());
        anthropic.set("tool_choice", Golden.JSON.readTree(anthropicChoice));

        ObjectNode openAi = AnthropicBridge.toOpenAiRequest(anthropic);

        assertThat(openAi.get("tool_choice")).isEqualTo(Golden.JSON.readTree(openAiChoice));
        assertThat(openAi.has("parallel_tool_calls")).isFalse();
    }

    @Test
    void an_assistant_turn_with_only_tool_use_has_null_content_and_tool_images_follow_as_user_content() throws IOException {
        ObjectNode anthropic = minimal();
        anthropic.set("messages", Golden.JSON.readTree("""
                [{"role":"user","content":"Show me the chart"},
                 {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"chart","input":{}}]},
                 {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":[
                     {"type":"text","text":"rendered"},
                     {"type":"image","source":{"type":"base64","media_type":"image/jpeg","data":"/9j/4AAQ"}}]}]}]"""));

        JsonNode messages = AnthropicBridge.toOpenAiRequest(anthropic).get("messages");

        assertThat(messages.get(1).get("content").isNull()).isTrue();
        assertThat(messages.get(1).path("tool_calls").get(0).path("function").path("arguments").asText()).isEqualTo("{}");
        assertThat(messages.get(2)).isEqualTo(Golden.JSON.readTree(
                "{\"role\":\"tool\",\"tool_call_id\":\"toolu_1\",\"content\":\"rendered\"}"));
        assertThat(messages.get(3)).isEqualTo(Golden.JSON.readTree(
                "{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/jpeg;base64,/9j/4AAQ\"}}]}"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no max_tokens      | {\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}                                   | max_tokens is required",
            "zero max_tokens    | {\"max_tokens\":0,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}                  | max_tokens must be a positive integer",
            "no messages        | {\"max_tokens\":5}                                                                      | messages must be a non-empty array",
            "system role        | {\"max_tokens\":5,\"messages\":[{\"role\":\"system\",\"content\":\"hi\"}]}                | messages[0].role must be 'user' or 'assistant'",
            "content number     | {\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":3}]}                       | messages[0].content must be a string or an array",
            "unknown block      | {\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"audio\"}]}]}   | content block type 'audio'",
            "image file source  | {\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"file\",\"file_id\":\"f\"}}]}]} | image source type must be 'base64' or 'url'",
            "tool_use no id     | {\"max_tokens\":5,\"messages\":[{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"name\":\"t\",\"input\":{}}]}]} | tool_use.id is required",
            "server tool        | {\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}]} | Anthropic server tool",
            "tool no schema     | {\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"tools\":[{\"name\":\"t\"}]} | needs an input_schema",
            "bad tool_choice    | {\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"tool_choice\":{\"type\":\"maybe\"}} | tool_choice.type must be one of"})
    void invalid_requests_are_refused_with_a_message_naming_the_field(String name, String request, String message) throws IOException {
        ObjectNode anthropic = (ObjectNode) Golden.JSON.readTree(request);

        assertThatThrownBy(() -> AnthropicBridge.toOpenAiRequest(anthropic))
                .isInstanceOf(dev.bursar.wire.BadRequest.class)
                .hasMessageContaining(message);
    }

    private static ObjectNode minimal() {
        ObjectNode request = Golden.JSON.createObjectNode().put("model", "claude-haiku-4-5").put("max_tokens", 100);
        request.putArray("messages").addObject().put("role", "user").put("content", "hi");
        return request;
    }

    private static ObjectNode withTool(ObjectNode request) {
        ObjectNode tool = request.putArray("tools").addObject().put("name", "get_weather");
        tool.putObject("input_schema").put("type", "object");
        return request;
    }
}
