package dev.bursar.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import dev.bursar.testing.RecordingSink;

/** An Anthropic client reaching Anthropic: bodies and events pass through, usage is still read exactly. */
class AnthropicProviderNativeTest {

    @AutoClose
    private final UpstreamHttp http = new UpstreamHttp();

    private static final String MODEL = "claude-sonnet-4-5-20250929";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    @AutoClose
    private final FakeUpstream upstream = FakeUpstream.start();

    private AnthropicProvider provider(String baseUrl, Map<String, String> headers) {
        return new AnthropicProvider(new ProviderConfig("claude", ProviderType.ANTHROPIC, baseUrl, "sk-ant-test", headers,
                TIMEOUT, null), http);
    }

    private AnthropicProvider provider() {
        return provider(upstream.baseUrl(), Map.of());
    }

    private static ChatCall call(ObjectNode body, Duration timeout, Map<String, String> hints) {
        return new ChatCall(ClientWire.ANTHROPIC, body, MODEL, timeout, hints);
    }

    private static ChatCall streamCall(Duration timeout) {
        ObjectNode body = Golden.json("anthropic/native-request.json").put("stream", true);
        return call(body, timeout, Map.of());
    }

    @Test
    void speaks_both_the_anthropic_and_the_openai_wire() {
        assertThat(provider().speaks(ClientWire.ANTHROPIC)).isTrue();
        assertThat(provider().speaks(ClientWire.OPENAI)).isTrue();
    }

    @Test
    void whole_call_sends_the_clients_request_with_only_the_model_replaced() {
        upstream.on("/v1/messages", Reply.json(200, Golden.text("anthropic/native-response.json")));

        provider().chat(call(Golden.json("anthropic/native-request.json"), TIMEOUT, Map.of()));

        ObjectNode expected = Golden.json("anthropic/native-request.json").put("model", MODEL);
        assertThat(upstream.last().json()).as("unknown fields survive").isEqualTo(expected);
    }

    @Test
    void whole_call_returns_the_upstream_message_untouched_and_its_usage_by_class() {
        upstream.on("/v1/messages", Reply.json(200, Golden.text("anthropic/native-response.json")));

        ProviderReply reply = provider().chat(call(Golden.json("anthropic/native-request.json"), TIMEOUT, Map.of()));

        ObjectNode upstreamMessage = Golden.json("anthropic/native-response.json");
        assertThat(reply.body()).isEqualTo(upstreamMessage);
        // No cache_creation breakdown: all 4000 written tokens are 5-minute writes, and part of the prompt.
        assertThat(reply.usage()).isEqualTo(new Usage(18 + 4000, 0, 4000, 0, 57, 0));
        assertThat(reply.rawUsage()).isEqualTo(upstreamMessage.get("usage"));
        assertThat(reply.finishReason()).isEqualTo("end_turn");
        assertThat(reply.usageEstimated()).isFalse();
    }

    @Test
    void sends_the_key_in_x_api_key_and_the_default_anthropic_version() {
        upstream.on("/v1/messages", Reply.json(200, Golden.text("anthropic/native-response.json")));

        provider().chat(call(Golden.json("anthropic/native-request.json"), TIMEOUT, Map.of()));

        assertThat(upstream.last().header("x-api-key")).isEqualTo("sk-ant-test");
        assertThat(upstream.last().header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(upstream.last().header("anthropic-beta")).isNull();
    }

    @Test
    void keeps_the_clients_own_version_and_betas_beside_the_configured_headers() {
        upstream.on("/v1/messages", Reply.json(200, Golden.text("anthropic/native-response.json")));
        AnthropicProvider provider = provider(upstream.baseUrl() + "/",
                Map.of("anthropic-beta", "context-1m-2025-08-07", "x-team", "search"));

        provider.chat(call(Golden.json("anthropic/native-request.json"), TIMEOUT,
                Map.of("anthropic-version", "2024-01-01", "anthropic-beta", "extended-cache-ttl-2025-04-11")));

        assertThat(upstream.last().path()).as("a trailing slash in the base URL is not doubled").isEqualTo("/v1/messages");
        assertThat(upstream.last().header("anthropic-version")).isEqualTo("2024-01-01");
        assertThat(upstream.last().header("anthropic-beta")).isEqualTo("context-1m-2025-08-07,extended-cache-ttl-2025-04-11");
        assertThat(upstream.last().header("x-team")).isEqualTo("search");
    }

    @Test
    void a_base_url_configured_with_v1_is_not_doubled() {
        upstream.on("/v1/messages", Reply.json(200, Golden.text("anthropic/native-response.json")));

        provider(upstream.baseUrl() + "/v1", Map.of()).chat(call(Golden.json("anthropic/native-request.json"), TIMEOUT, Map.of()));

        assertThat(upstream.last().path()).isEqualTo("/v1/messages");
    }

    @Test
    void stream_forwards_every_upstream_event_as_is_pings_included_and_settles_before_message_stop() {
        List<String> events = FakeUpstream.sseEvents(Golden.text("anthropic/native-stream.sse"));
        upstream.on("/v1/messages", Reply.sse(events, Duration.ofMillis(1)));
        RecordingSink sink = new RecordingSink(-1);

        ProviderReply reply = provider().stream(streamCall(TIMEOUT), sink);

        assertThat(sink.events()).containsExactlyElementsOf(events);
        assertThat(upstream.last().json().path("stream").asBoolean()).isTrue();
        assertThat(sink.settledBeforeEvent()).isEqualTo(events.size() - 1);
        assertThat(sink.settled()).isEqualTo(reply);
        assertThat(reply.usage()).isEqualTo(new Usage(18 + 4000, 4000, 0, 0, 57, 0));
        assertThat(reply.finishReason()).isEqualTo("end_turn");
        assertThat(reply.body()).isNull();
        assertThat(reply.ttftNanos()).isPositive();
    }

    @Test
    void stream_keeps_the_raw_usage_of_message_start_merged_with_message_delta() {
        upstream.on("/v1/messages", Reply.sse(FakeUpstream.sseEvents(Golden.text("anthropic/native-stream.sse")), Duration.ZERO));

        ProviderReply reply = provider().stream(streamCall(TIMEOUT), new RecordingSink(-1));

        assertThat(reply.rawUsage().path("output_tokens").asLong()).as("from message_delta").isEqualTo(57);
        assertThat(reply.rawUsage().path("cache_read_input_tokens").asLong()).isEqualTo(4000);
        assertThat(reply.rawUsage().path("service_tier").asText()).as("from message_start").isEqualTo("standard");
        assertThat(reply.rawUsage().path("cache_creation").isObject()).isTrue();
    }

    @Test
    void an_error_event_mid_stream_fails_after_the_stream_started_and_keeps_the_prompt_cost() {
        upstream.on("/v1/messages", Reply.sse(FakeUpstream.sseEvents(Golden.text("anthropic/stream-error.sse")), Duration.ZERO));
        RecordingSink sink = new RecordingSink(-1);

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> provider().stream(streamCall(TIMEOUT), sink));

        assertThat(e).isNotNull();
        assertThat(e.error().kind()).isEqualTo("upstream_error");
        assertThat(e.error().retriable()).isTrue();
        assertThat(e.error().message()).contains("Overloaded");
        assertThat(e.streamStarted()).isTrue();
        assertThat(e.partialUsage()).get().extracting(Usage::inputTokens).isEqualTo(310L);
        assertThat(e.partialUsage().get().outputTokens()).as("counted from the text already streamed").isPositive();
        assertThat(sink.events()).hasSize(3);
        assertThat(sink.settled()).isNull();
    }

    @Test
    void a_stream_silent_for_longer_than_the_timeout_fails_with_a_timeout() {
        List<String> events = FakeUpstream.sseEvents(Golden.text("anthropic/native-stream.sse"));
        upstream.on("/v1/messages", Reply.sse(events, Duration.ofSeconds(3)));
        RecordingSink sink = new RecordingSink(-1);
        long start = System.nanoTime();

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> provider().stream(streamCall(Duration.ofMillis(300)), sink));

        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(e).isNotNull();
        assertThat(e.error().kind()).isEqualTo("timeout");
        assertThat(e.streamStarted()).isTrue();
        assertThat(e.partialUsage()).get().extracting(Usage::inputTokens).isEqualTo(4018L);
        assertThat(millis).as("gave up after the gap, not at the end of the stream").isLessThan(2500);
    }

    @Test
    void a_refused_stream_fails_before_it_started_with_anthropics_message() {
        upstream.on("/v1/messages", Reply.json(429, AnthropicProviderContractTest.errorBodyOf(429, "Number of request tokens has exceeded your per-minute rate limit")));

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> provider().stream(streamCall(TIMEOUT), new RecordingSink(-1)));

        assertThat(e.error().kind()).isEqualTo("rate_limited");
        assertThat(e.error().message()).contains("per-minute rate limit");
        assertThat(e.streamStarted()).isFalse();
    }

    @Test
    void a_client_leaving_mid_stream_gets_the_prompt_and_the_streamed_output_counted() {
        upstream.on("/v1/messages", Reply.sse(FakeUpstream.sseEvents(Golden.text("anthropic/native-stream.sse")), Duration.ofMillis(1)));
        RecordingSink sink = new RecordingSink(3);

        ProviderReply reply = provider().stream(streamCall(TIMEOUT), sink);

        assertThat(reply.clientCancelled()).isTrue();
        assertThat(reply.usage().inputTokens()).as("reported by message_start").isEqualTo(4018);
        assertThat(reply.usage().cachedInputTokens()).isEqualTo(4000);
        assertThat(reply.usage().outputTokens()).as("the thinking text streamed so far").isPositive();
        assertThat(reply.usageEstimated()).isTrue();
        assertThat(sink.settled()).isNull();
    }
}
