package dev.bursar.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.config.ProviderConfig;
import dev.bursar.config.ProviderType;
import dev.bursar.providers.ChatCall;
import dev.bursar.providers.ProviderReply;
import dev.bursar.providers.StreamSink;
import dev.bursar.providers.UpstreamHttp;
import dev.bursar.providers.openai.OpenAiProvider;
import dev.bursar.testing.FakeUpstream;
import dev.bursar.testing.FakeUpstream.Reply;
import dev.bursar.testing.Golden;
import dev.bursar.wire.ClientWire;
import dev.bursar.wire.anthropic.AnthropicBridge;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import dev.bursar.testing.RecordingSink;

/**
 * The bridge as the gateway uses it ({@link BridgedStreamSink}): an Anthropic stream request through the real OpenAI
 * adapter and a fake upstream.
 */
class AnthropicBridgeStreamTest {

    @AutoClose
    private final UpstreamHttp http = new UpstreamHttp();

    @AutoClose
    private final FakeUpstream upstream = FakeUpstream.start();

    @ParameterizedTest(name = "{0}")
    @CsvSource({"stream-text", "stream-tools"})
    void an_openai_chunk_stream_becomes_the_anthropic_event_stream(String golden) {
        upstream.on("/v1/chat/completions", Reply.sse(events("anthropic-bridge/" + golden + "-openai.sse"), Duration.ZERO));
        RecordingSink client = new RecordingSink(-1);

        ProviderReply reply = streamThroughBridge(client);

        List<String> expected = events("anthropic-bridge/" + golden + "-anthropic.sse");
        assertThat(client.events().stream().map(AnthropicBridgeStreamTest::nameAndData).toList())
                .containsExactlyElementsOf(expected.stream().map(AnthropicBridgeStreamTest::nameAndData).toList());
        assertThat(client.settled()).as("beforeLastEvent passed through unchanged").isSameAs(reply);
        assertThat(client.settledBeforeEvent()).as("right before message_stop").isEqualTo(expected.size() - 1);
    }

    @Test
    void the_bridged_request_makes_the_provider_send_its_usage() {
        upstream.on("/v1/chat/completions", Reply.sse(events("anthropic-bridge/stream-text-openai.sse"), Duration.ZERO));

        streamThroughBridge(new RecordingSink(-1));

        assertThat(upstream.last().json().path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(upstream.last().json().path("model").asText()).isEqualTo("gpt-4.1");
    }

    @Test
    void a_provider_stream_without_usage_gets_the_adapters_counted_usage_in_message_delta() {
        upstream.on("/v1/chat/completions", Reply.sse(events("openai/stream-upstream-no-usage.sse"), Duration.ZERO));
        RecordingSink client = new RecordingSink(-1);

        ProviderReply reply = streamThroughBridge(client);

        JsonNode messageDelta = nameAndData(client.events().get(client.events().size() - 2));
        assertThat(messageDelta.path("event").asText()).isEqualTo("message_delta");
        assertThat(reply.usageEstimated()).isTrue();
        assertThat(messageDelta.path("data").path("usage").path("input_tokens").asLong()).isEqualTo(reply.usage().inputTokens());
        assertThat(messageDelta.path("data").path("usage").path("output_tokens").asLong()).isEqualTo(5);
        assertThat(nameAndData(client.events().getLast()).path("event").asText()).isEqualTo("message_stop");
    }

    @Test
    void a_client_gone_mid_stream_cancels_the_call_without_settling() {
        upstream.on("/v1/chat/completions", Reply.sse(events("anthropic-bridge/stream-tools-openai.sse"), Duration.ofMillis(2)));
        RecordingSink client = new RecordingSink(3);

        ProviderReply reply = streamThroughBridge(client);

        assertThat(reply.clientCancelled()).isTrue();
        assertThat(reply.usage().inputTokens()).isPositive();
        assertThat(client.settled()).isNull();
    }

    @Test
    void a_client_gone_while_message_delta_is_written_is_not_settled_as_complete() {
        List<String> upstreamEvents = events("anthropic-bridge/stream-text-openai.sse");
        upstream.on("/v1/chat/completions", Reply.sse(upstreamEvents, Duration.ZERO));
        int eventsBeforeMessageDelta = events("anthropic-bridge/stream-text-anthropic.sse").size() - 2;
        RecordingSink client = new RecordingSink(eventsBeforeMessageDelta);

        ProviderReply reply = streamThroughBridge(client);

        assertThat(client.settled()).isNull();
        assertThat(reply.clientCancelled()).isTrue();
        assertThat(reply.usage().inputTokens()).isEqualTo(2210);
    }

    private ProviderReply streamThroughBridge(RecordingSink client) {
        ObjectNode anthropicRequest = Golden.json("anthropic-bridge/request-anthropic.json").put("stream", true);
        ObjectNode openAiRequest = AnthropicBridge.toOpenAiRequest(anthropicRequest);
        OpenAiProvider provider = new OpenAiProvider(new ProviderConfig("openai", ProviderType.OPENAI, upstream.baseUrl() + "/v1",
                "key", Map.of(), Duration.ofSeconds(5), null), http);
        ChatCall call = new ChatCall(ClientWire.OPENAI, openAiRequest, "gpt-4.1", Duration.ofSeconds(5), Map.of());
        return provider.stream(call, new BridgedStreamSink(client, "claude-sonnet-4-5"));
    }

    private static List<String> events(String file) {
        return FakeUpstream.sseEvents(Golden.text(file));
    }

    private static JsonNode nameAndData(String sseEvent) {
        ObjectNode node = Golden.JSON.createObjectNode();
        StringBuilder data = new StringBuilder();
        for (String line : sseEvent.split("\n")) {
            if (line.startsWith("event:")) {
                node.put("event", line.substring(6).strip());
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5).strip());
            }
        }
        try {
            node.set("data", Golden.JSON.readTree(data.toString()));
        } catch (IOException e) {
            throw new IllegalStateException("event data is not JSON: " + data, e);
        }
        return node;
    }

}
