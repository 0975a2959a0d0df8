package dev.bursar.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.config.ProviderConfig;
import dev.bursar.config.ProviderType;
import dev.bursar.pricing.Usage;
import dev.bursar.providers.ChatCall;
import dev.bursar.providers.ProviderException;
import dev.bursar.providers.ProviderReply;
import dev.bursar.providers.UpstreamHttp;
import dev.bursar.testing.FakeUpstream;
import dev.bursar.testing.FakeUpstream.Reply;
import dev.bursar.testing.Golden;
import dev.bursar.wire.ClientWire;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import dev.bursar.testing.RecordingSink;

/** An OpenAI client reaching Anthropic: requests, answers and streams translated both ways. */
class OpenAiToAnthropicTranslationTest {

    @AutoClose
    private final UpstreamHttp http = new UpstreamHttp();

    private static final String MODEL = AnthropicProviderContractTest.MODEL;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final OpenAiToAnthropicRequest translator = new OpenAiToAnthropicRequest("anthropic");
    @AutoClose
    private final FakeUpstream upstream = FakeUpstream.start();

    private AnthropicProvider provider() {
        return new AnthropicProvider(new ProviderConfig("anthropic", ProviderType.ANTHROPIC, upstream.baseUrl(), "k", Map.of(),
                TIMEOUT, null), http, AnthropicProviderContractTest.FIXED_CLOCK);
    }

    private static ObjectNode request(String json) {
        try {
            return (ObjectNode) Golden.JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ObjectNode minimal(String extraFields) {
        return request("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]" + extraFields + "}");
    }

    @Test
    void system_tools_tool_results_and_images_translate_to_anthropics_request() {
        ObjectNode openAi = Golden.json("anthropic/tools-openai-request.json");

        ObjectNode anthropic = translator.translate(openAi, MODEL);

        assertThat(anthropic).isEqualTo(Golden.json("anthropic/tools-anthropic-request.json"));
    }

    @Test
    void a_missing_output_limit_becomes_the_documented_default_because_anthropic_requires_one() {
        assertThat(translator.translate(minimal(""), MODEL).get("max_tokens").asInt())
                .isEqualTo(OpenAiToAnthropicRequest.DEFAULT_MAX_TOKENS).isEqualTo(4096);
        assertThat(translator.translate(minimal(",\"max_tokens\":50,\"max_completion_tokens\":80"), MODEL)
                .get("max_tokens").asInt()).as("max_completion_tokens is the newer name and wins").isEqualTo(80);
    }

    @ParameterizedTest(name = "tool_choice {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "\"auto\"                                              | {\"type\":\"auto\"}",
            "\"none\"                                              | {\"type\":\"none\"}",
            "\"required\"                                          | {\"type\":\"any\"}",
            "{\"type\":\"function\",\"function\":{\"name\":\"f\"}} | {\"type\":\"tool\",\"name\":\"f\"}"})
    void tool_choice_maps_to_anthropics_vocabulary(String openAi, String anthropic) {
        ObjectNode body = minimal(",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":"
                + "{\"type\":\"object\"}}}],\"tool_choice\":" + openAi);

        assertThat(translator.translate(body, MODEL).get("tool_choice")).isEqualTo(request(anthropic));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "json_schema output   | ,\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"schema\":{}}} | response_format 'json_schema' is not supported",
            "json_object output   | ,\"response_format\":{\"type\":\"json_object\"} | force it with tool_choice",
            "several choices      | ,\"n\":3                                  | send one request per choice",
            "logprobs             | ,\"logprobs\":true                        | remove 'logprobs'",
            "zero output limit    | ,\"max_tokens\":0                         | max_tokens must be a positive integer",
            "unknown tool_choice  | ,\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],\"tool_choice\":\"maybe\" | tool_choice 'maybe' is unknown"})
    void what_anthropic_cannot_do_is_refused_with_a_400_that_says_what_to_change(String what, String fields, String message) {
        ProviderException e = catchThrowableOfType(ProviderException.class, () -> translator.translate(minimal(fields), MODEL));

        assertThat(e).as(what).isNotNull();
        assertThat(e.error().kind()).isEqualTo("bad_request");
        assertThat(e.error().message()).contains(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "audio part       | {\"role\":\"user\",\"content\":[{\"type\":\"input_audio\",\"input_audio\":{}}]} | content part type 'input_audio' is not supported",
            "ftp image        | {\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"ftp://x/y.png\"}}]} | data: URL or an http(s) URL",
            "function role    | {\"role\":\"function\",\"name\":\"f\",\"content\":\"1\"} | message role 'function' is not supported",
            "bad arguments    | {\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"[1\"}}]} | tool call arguments must be a JSON object",
            "orphan result    | {\"role\":\"tool\",\"content\":\"1\"} | tool messages need the tool_call_id"})
    void messages_anthropic_cannot_take_are_refused_with_a_400(String what, String message, String expected) {
        ObjectNode body = request("{\"messages\":[" + message + "]}");

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> translator.translate(body, MODEL));

        assertThat(e).as(what).isNotNull();
        assertThat(e.error().kind()).isEqualTo("bad_request");
        assertThat(e.error().message()).contains(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"end_turn, stop", "stop_sequence, stop", "max_tokens, length", "tool_use, tool_calls",
            "refusal, content_filter", "pause_turn, stop"})
    void stop_reasons_map_to_openai_finish_reasons(String stopReason, String finishReason) {
        assertThat(AnthropicWire.finishReasonToOpenAi(stopReason)).isEqualTo(finishReason);
    }

    @Test
    void a_tool_use_answer_becomes_openai_tool_calls() {
        upstream.on("/v1/messages", Reply.json(200, Golden.text("anthropic/tool-use-response.json")));
        ChatCall call = new ChatCall(ClientWire.OPENAI, minimal(""), MODEL, TIMEOUT, Map.of());

        ProviderReply reply = provider().chat(call);

        assertThat(reply.body()).isEqualTo(Golden.json("anthropic/tool-use-client-response.json"));
        assertThat(reply.finishReason()).isEqualTo("tool_calls");
        assertThat(reply.usage()).isEqualTo(Usage.of(472, 71));
    }

    @Test
    void a_streamed_tool_use_becomes_openai_tool_call_chunks_without_a_usage_chunk_when_not_asked() {
        upstream.on("/v1/messages", Reply.sse(FakeUpstream.sseEvents(Golden.text("anthropic/tool-use-stream.sse")), Duration.ZERO));
        ChatCall call = new ChatCall(ClientWire.OPENAI, Golden.json("anthropic/tools-openai-request.json"), MODEL, TIMEOUT, Map.of());
        RecordingSink sink = new RecordingSink(-1);

        ProviderReply reply = provider().stream(call, sink);

        List<String> expected = FakeUpstream.sseEvents(Golden.text("anthropic/tool-use-client.sse"));
        assertThat(sink.events()).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(data(sink.events().get(i))).as("client event %d", i).isEqualTo(data(expected.get(i)));
        }
        assertThat(sink.settledBeforeEvent()).isEqualTo(expected.size() - 1);
        assertThat(reply.usage()).as("usage is read even when the client does not see it").isEqualTo(Usage.of(472, 89));
        assertThat(reply.finishReason()).isEqualTo("tool_calls");
    }

    private static JsonNode data(String event) {
        String data = event.strip();
        assertThat(data).startsWith("data: ");
        data = data.substring(6);
        return data.equals("[DONE]") ? Golden.JSON.getNodeFactory().textNode(data) : request(data);
    }
}
