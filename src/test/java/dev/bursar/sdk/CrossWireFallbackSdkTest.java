package dev.bursar.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.bursar.testing.FakeUpstream;
import dev.bursar.testing.FakeUpstream.Reply;
import dev.bursar.testing.Golden;
import dev.bursar.testing.RunningBursar;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A fallback of the other wire type answers the client in its own wire, whole and streamed, through the official
 * SDKs: an OpenAI SDK client whose OpenAI-type primary fails is served by an Anthropic-type fallback, an Anthropic SDK
 * client whose Anthropic-type primary fails is served (through the bridge) by an OpenAI-type fallback (the sim).
 */
class CrossWireFallbackSdkTest {

    FakeUpstream upstream;
    RunningBursar bursar;
    OpenAIClient openAi;
    AnthropicClient anthropic;

    @BeforeEach
    void start() {
        upstream = FakeUpstream.start();
        upstream.on("/v1/chat/completions", Reply.json(500, "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}"));
        bursar = RunningBursar.start("""
                providers:
                  - { name: openai, type: openai, base-url: "%1$s/v1", api-key: sk-upstream }
                  - { name: anthropic, type: anthropic, base-url: "%1$s", api-key: sk-ant-upstream }
                  - { name: sim, type: sim, sim: { ttft-millis: 0, tokens-per-second: 100000 } }
                models:
                  - { name: gpt-4o, provider: openai, fallbacks: [ { model: claude-3-5-sonnet-20241022, provider: anthropic } ] }
                  - { name: claude-3-5-sonnet-20241022, provider: anthropic, fallbacks: [ { model: gpt-4o-mini, provider: sim } ] }
                keys:
                  - { key: sdk-key, customer: initech }
                """.formatted(upstream.baseUrl()));
        openAi = OpenAIOkHttpClient.builder().baseUrl(bursar.baseUrl() + "/v1").apiKey("sdk-key").maxRetries(0).build();
        anthropic = AnthropicOkHttpClient.builder().baseUrl(bursar.baseUrl()).apiKey("sdk-key").maxRetries(0).build();
    }

    @AfterEach
    void stop() {
        openAi.close();
        anthropic.close();
        bursar.close();
        upstream.close();
    }

    List<String> rows() {
        return bursar.ledgerRows().stream().map(r -> r.path("provider").asText() + " " + r.path("status").asText()
                + " " + r.path("routing_reason").asText()).toList();
    }

    @Test
    void an_openai_sdk_client_is_served_by_an_anthropic_fallback_whole_and_streamed() {
        upstream.on("/v1/messages", Reply.json(200, Golden.text("gateway/anthropic-message.json")));
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("gpt-4o").addUserMessage("Hello")
                .maxCompletionTokens(50).build();

        HttpResponseFor<ChatCompletion> whole = openAi.chat().completions().withRawResponse().create(params);
        assertThat(whole.parse().choices().get(0).message().content()).hasValue("Hello! How can I help you today?");
        assertThat(whole.headers().values("X-Bursar-Model")).containsExactly("claude-3-5-sonnet-20241022");
        assertThat(whole.headers().values("X-Bursar-Route")).containsExactly("fallback:upstream_error");

        upstream.on("/v1/messages", Reply.sse(FakeUpstream.sseEvents(Golden.text("anthropic/stream-upstream.sse")), Duration.ofMillis(1)));
        StringBuilder text = new StringBuilder();
        try (var stream = openAi.chat().completions().createStreaming(params)) {
            stream.stream().forEach((ChatCompletionChunk c) -> c.choices().forEach(ch -> ch.delta().content().ifPresent(text::append)));
        }
        assertThat(text.toString()).isNotBlank();
        assertThat(rows()).containsExactly("openai error configured", "anthropic ok fallback:upstream_error",
                "openai error configured", "anthropic ok fallback:upstream_error");
    }

    @Test
    void an_anthropic_sdk_client_is_served_by_an_openai_fallback_through_the_bridge_whole_and_streamed() {
        upstream.on("/v1/messages", Reply.json(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
        MessageCreateParams params = MessageCreateParams.builder().model("claude-3-5-sonnet-20241022").maxTokens(50)
                .addUserMessage("Hello").build();

        Message whole = anthropic.messages().create(params);
        assertThat(whole.content()).isNotEmpty();
        assertThat(whole.content().get(0).text()).isPresent();
        assertThat(whole.usage().outputTokens()).isPositive();

        List<RawMessageStreamEvent> events = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        try (var s = anthropic.messages().createStreaming(params)) {
            s.stream().forEach(e -> {
                events.add(e);
                if (e.isContentBlockDelta()) {
                    e.asContentBlockDelta().delta().text().ifPresent(t -> text.append(t.text()));
                }
            });
        }
        assertThat(events.get(0).isMessageStart()).isTrue();
        assertThat(events.get(events.size() - 1).isMessageStop()).isTrue();
        assertThat(text.toString()).isNotBlank();
        List<JsonNode> served = bursar.ledgerRows().stream().filter(r -> r.path("provider").asText().equals("sim")).toList();
        assertThat(served).hasSize(2).allSatisfy(r -> {
            assertThat(r.path("served_model").asText()).isEqualTo("gpt-4o-mini");
            assertThat(r.path("requested_model").asText()).isEqualTo("claude-3-5-sonnet-20241022");
        });
        assertThat(rows()).containsExactly("anthropic error configured", "sim ok fallback:upstream_error",
                "anthropic error configured", "sim ok fallback:upstream_error");
    }
}
