package dev.bursar.providers.openai;

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
import dev.bursar.providers.StreamSink;
import dev.bursar.providers.UpstreamHttp;
import dev.bursar.testing.FakeUpstream;
import dev.bursar.testing.FakeUpstream.Reply;
import dev.bursar.testing.Golden;
import dev.bursar.wire.ClientWire;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import dev.bursar.testing.RecordingSink;

/** What the contract battery does not cover: pass-through fidelity, usage chunk handling, DeepSeek, embeddings. */
class OpenAiProviderTest {

    @AutoClose
    private final UpstreamHttp http = new UpstreamHttp();

    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);
    @AutoClose
    private final FakeUpstream upstream = FakeUpstream.start();

    @Test
    void unknown_fields_and_tools_reach_the_provider_unchanged_except_the_model() {
        upstream.on("/v1/chat/completions", Reply.json(200, Golden.text("openai/chat-upstream-response.json")));
        ObjectNode request = Golden.json("openai/passthrough-request.json");

        provider("key").chat(call(request.deepCopy(), "gpt-4.1-mini", FIVE_SECONDS));

        ObjectNode expected = request.deepCopy();
        expected.put("model", "gpt-4.1-mini");
        assertThat(upstream.last().json()).isEqualTo(expected);
    }

    @Test
    void stream_forces_include_usage_upstream_and_keeps_other_stream_options() {
        upstream.on("/v1/chat/completions", Reply.sse(upstreamEvents("openai/stream-upstream.sse"), Duration.ZERO));
        ObjectNode request = Golden.json("client/openai-stream-request.json");
        request.remove("stream_options");
        request.putObject("stream_options").put("continuous_usage_stats", false);

        provider("key").stream(call(request, "gpt-4o-mini", FIVE_SECONDS), new RecordingSink());

        JsonNode sent = upstream.last().json();
        assertThat(sent.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(sent.path("stream_options").path("continuous_usage_stats").isBoolean()).isTrue();
    }

    @Test
    void usage_chunk_is_removed_when_the_client_did_not_ask_for_it_but_usage_is_still_reported() {
        List<String> upstreamEvents = upstreamEvents("openai/stream-upstream.sse");
        upstream.on("/v1/chat/completions", Reply.sse(upstreamEvents, Duration.ZERO));
        ObjectNode request = Golden.json("client/openai-stream-request.json");
        request.remove("stream_options");
        RecordingSink sink = new RecordingSink();

        ProviderReply reply = provider("key").stream(call(request, "gpt-4o-mini", FIVE_SECONDS), sink);

        assertThat(sink.events()).hasSize(upstreamEvents.size() - 1);
        assertThat(sink.events()).noneMatch(e -> e.contains("\"choices\":[]"));
        assertThat(sink.events().getLast()).isEqualTo("data: [DONE]\n\n");
        assertThat(sink.settled().usage()).isEqualTo(Golden.usage("openai/stream-usage.json"));
        assertThat(reply.usage()).isEqualTo(Golden.usage("openai/stream-usage.json"));
        assertThat(reply.usageEstimated()).isFalse();
        assertThat(reply.finishReason()).isEqualTo("stop");
        assertThat(reply.ttftNanos()).isPositive();
    }

    @Test
    void stream_events_are_forwarded_with_the_upstream_text_unchanged() {
        List<String> upstreamEvents = upstreamEvents("openai/stream-upstream.sse");
        upstream.on("/v1/chat/completions", Reply.sse(upstreamEvents, Duration.ZERO));
        RecordingSink sink = new RecordingSink();

        provider("key").stream(call(Golden.json("client/openai-stream-request.json"), "gpt-4o-mini", FIVE_SECONDS), sink);

        assertThat(sink.events()).containsExactlyElementsOf(upstreamEvents);
    }

    @Test
    void a_whole_answer_keeps_the_upstream_bytes_so_the_gateway_forwards_them_without_serialising_again() {
        // given an answer with spacing and field order that a re-serialisation would not reproduce
        String upstreamText = Golden.text("openai/chat-upstream-response.json").replace("{", "{ ");
        upstream.on("/v1/chat/completions", Reply.json(200, upstreamText));

        // when
        ProviderReply reply = provider("key").chat(call(Golden.json("client/openai-chat-request.json"), "gpt-4.1-mini", FIVE_SECONDS));

        // then the exact bytes are forwarded, and the parsed body is the same JSON
        assertThat(new String(reply.bodyBytes(), StandardCharsets.UTF_8)).isEqualTo(upstreamText);
        assertThat(reply.body()).isEqualTo(Golden.json("openai/chat-upstream-response.json"));
    }

    @Test
    void deepseek_cache_hits_become_cached_input_and_reasoning_is_kept() {
        upstream.on("/chat/completions", Reply.json(200, Golden.text("deepseek/chat-upstream-response.json")));
        OpenAiProvider deepseek = new OpenAiProvider(new ProviderConfig("deepseek", ProviderType.OPENAI, upstream.baseUrl(),
                "key", Map.of(), FIVE_SECONDS, null), http);

        ProviderReply reply = deepseek.chat(call(Golden.json("client/openai-chat-request.json"), "deepseek-reasoner", FIVE_SECONDS));

        assertThat(reply.usage()).isEqualTo(Golden.usage("deepseek/chat-usage.json"));
        assertThat(reply.rawUsage().path("prompt_cache_hit_tokens").asLong()).isEqualTo(1088);
        assertThat(reply.body()).isEqualTo(Golden.json("deepseek/chat-upstream-response.json"));
    }

    @Test
    void embeddings_pass_through_and_report_prompt_tokens() {
        upstream.on("/v1/embeddings", Reply.json(200, Golden.text("openai/embeddings-upstream-response.json")));
        ObjectNode request = Golden.json("openai/embeddings-request.json");

        ProviderReply reply = provider("key").embed(call(request.deepCopy(), "text-embedding-3-small", FIVE_SECONDS));

        ObjectNode expectedUpstream = request.deepCopy().put("model", "text-embedding-3-small");
        assertThat(upstream.last().json()).isEqualTo(expectedUpstream);
        assertThat(reply.body()).isEqualTo(Golden.json("openai/embeddings-upstream-response.json"));
        assertThat(reply.usage()).isEqualTo(Golden.usage("openai/embeddings-usage.json"));
        assertThat(reply.usageEstimated()).isFalse();
    }

    @Test
    void embeddings_without_usage_are_counted_locally_and_marked_estimated() {
        ObjectNode answer = Golden.json("openai/embeddings-upstream-response.json");
        answer.remove("usage");
        upstream.on("/v1/embeddings", Reply.json(200, answer.toString()));

        ProviderReply reply = provider(null).embed(call(Golden.json("openai/embeddings-request.json"), "text-embedding-3-small", FIVE_SECONDS));

        assertThat(reply.usageEstimated()).isTrue();
        assertThat(reply.usage().inputTokens()).isBetween(12L, 24L);
        assertThat(reply.rawUsage()).isNull();
    }

    @Test
    void no_authorization_header_is_sent_without_a_key_but_configured_headers_are() {
        upstream.on("/v1/chat/completions", Reply.json(200, Golden.text("openai/chat-upstream-response.json")));
        OpenAiProvider local = new OpenAiProvider(new ProviderConfig("ollama", ProviderType.OPENAI, upstream.baseUrl() + "/v1/",
                null, Map.of("X-Team", "search"), FIVE_SECONDS, null), http);

        local.chat(call(Golden.json("client/openai-chat-request.json"), "llama3.1:8b", FIVE_SECONDS));

        assertThat(upstream.last().header("Authorization")).isNull();
        assertThat(upstream.last().header("X-Team")).isEqualTo("search");
        assertThat(upstream.last().path()).isEqualTo("/v1/chat/completions");
    }

    @Test
    void a_whole_answer_without_usage_is_counted_locally_and_marked_estimated() {
        ObjectNode answer = Golden.json("openai/chat-upstream-response.json");
        answer.remove("usage");
        upstream.on("/v1/chat/completions", Reply.json(200, answer.toString()));

        ProviderReply reply = provider("key").chat(call(Golden.json("client/openai-chat-request.json"), "gpt-4o-mini", FIVE_SECONDS));

        assertThat(reply.usageEstimated()).isTrue();
        assertThat(reply.rawUsage()).isNull();
        assertThat(reply.usage().inputTokens()).isBetween(20L, 40L);
        assertThat(reply.usage().outputTokens()).isEqualTo(7);
    }

    @Test
    void a_stream_without_usage_chunk_is_counted_locally_and_marked_estimated() {
        upstream.on("/v1/chat/completions", Reply.sse(upstreamEvents("openai/stream-upstream-no-usage.sse"), Duration.ZERO));
        RecordingSink sink = new RecordingSink();

        ProviderReply reply = provider(null).stream(call(Golden.json("client/openai-stream-request.json"), "qwen2.5-7b-instruct", FIVE_SECONDS), sink);

        assertThat(reply.usageEstimated()).isTrue();
        assertThat(reply.usage().inputTokens()).isPositive();
        assertThat(reply.usage().outputTokens()).isEqualTo(5);
        assertThat(sink.events()).hasSize(4);
    }

    @Test
    void a_stream_silent_for_longer_than_the_timeout_fails_with_a_timeout_and_partial_usage() {
        upstream.on("/v1/chat/completions", Reply.sse(upstreamEvents("openai/stream-upstream.sse"), Duration.ofSeconds(3)));
        RecordingSink sink = new RecordingSink();
        long start = System.nanoTime();

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> provider("key")
                .stream(call(Golden.json("client/openai-stream-request.json"), "gpt-4o-mini", Duration.ofMillis(400)), sink));

        assertThat(e).isNotNull();
        assertThat(e.error().kind()).isEqualTo("timeout");
        assertThat(e.streamStarted()).isTrue();
        assertThat(e.partialUsage()).get().extracting(Usage::inputTokens).isNotEqualTo(0L);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_500);
    }

    @Test
    void a_slow_client_is_not_mistaken_for_a_silent_upstream() {
        upstream.on("/v1/chat/completions", Reply.sse(upstreamEvents("openai/stream-upstream.sse"), Duration.ZERO));
        RecordingSink slowClient = RecordingSink.slow(Duration.ofMillis(250));

        ProviderReply reply = provider("key").stream(
                call(Golden.json("client/openai-stream-request.json"), "gpt-4o-mini", Duration.ofMillis(200)), slowClient);

        assertThat(reply.clientCancelled()).isFalse();
        assertThat(slowClient.events()).hasSize(8);
    }

    @Test
    void an_error_event_mid_stream_fails_the_call_with_the_providers_message() {
        List<String> events = new ArrayList<>(upstreamEvents("openai/stream-upstream.sse").subList(0, 2));
        events.add("data: {\"error\":{\"message\":\"The server had an error while processing your request.\",\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n");
        upstream.on("/v1/chat/completions", Reply.sse(events, Duration.ZERO));

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> provider("key")
                .stream(call(Golden.json("client/openai-stream-request.json"), "gpt-4o-mini", FIVE_SECONDS), new RecordingSink()));

        assertThat(e.error().kind()).isEqualTo("upstream_error");
        assertThat(e.error().message()).contains("The server had an error while processing your request.");
        assertThat(e.streamStarted()).isTrue();
        assertThat(e.partialUsage()).isPresent();
    }

    @Test
    void a_stream_refused_with_an_error_status_fails_before_anything_was_sent() {
        upstream.on("/v1/chat/completions", Reply.json(429,
                "{\"error\":{\"message\":\"Rate limit reached for gpt-4o-mini\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}"));
        RecordingSink sink = new RecordingSink();

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> provider("key")
                .stream(call(Golden.json("client/openai-stream-request.json"), "gpt-4o-mini", FIVE_SECONDS), sink));

        assertThat(e.error().kind()).isEqualTo("rate_limited");
        assertThat(e.error().message()).isEqualTo("Rate limit reached for gpt-4o-mini");
        assertThat(e.streamStarted()).isFalse();
        assertThat(sink.events()).isEmpty();
    }

    private OpenAiProvider provider(String apiKey) {
        return new OpenAiProvider(new ProviderConfig("openai", ProviderType.OPENAI, upstream.baseUrl() + "/v1", apiKey, Map.of(),
                FIVE_SECONDS, null), http);
    }

    private static ChatCall call(ObjectNode body, String upstreamModel, Duration timeout) {
        return new ChatCall(ClientWire.OPENAI, body, upstreamModel, timeout, Map.of());
    }

    private static List<String> upstreamEvents(String file) {
        return FakeUpstream.sseEvents(Golden.text(file));
    }

}
