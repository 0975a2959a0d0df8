package dev.bursar.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.config.ProviderConfig;
import dev.bursar.config.ProviderType;
import dev.bursar.pricing.Usage;
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
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import dev.bursar.testing.RecordingSink;

/**
 * The battery every HTTP provider adapter passes, offline, against a real local HTTP server replaying the
 * provider's recorded wire format. A subclass names its golden folder {@code golden/<dir>/}, which holds:
 * <ul>
 *   <li>{@code chat-upstream-response.json}: the provider's whole answer to the common request;
 *       {@code chat-client-response.json}: what an OpenAI client must get; {@code chat-usage.json}: the usage by
 *       class in Bursar's convention</li>
 *   <li>{@code stream-upstream.sse}, {@code stream-client.sse}, {@code stream-usage.json}: the same for a stream</li>
 * </ul>
 * The common client requests are {@code golden/client/openai-chat-request.json} and
 * {@code openai-stream-request.json}.
 */
public abstract class ProviderContractTest {

    /** The adapters' HTTP client, closed after each test so its threads end with it. */
    @AutoClose
    protected final UpstreamHttp http = new UpstreamHttp();

    protected static final String API_KEY = "test-upstream-key";
    protected FakeUpstream upstream;

    /** The adapter under test, built from this config (its base URL points at the fake upstream). */
    protected abstract Provider newProvider(ProviderConfig config);

    /** The {@code type} of the config ("openai", "anthropic", "gemini"). */
    protected abstract String type();

    /** Folder under {@code golden/}; the type's name unless a subclass says otherwise. */
    protected String goldenDir() {
        return type();
    }

    /** The model name the adapter is told to send upstream. */
    protected abstract String upstreamModel();

    /** The base URL to configure, given the fake's root (e.g. root + "/v1" for OpenAI); the root itself by default. */
    protected String baseUrl(String fakeRoot) {
        return fakeRoot;
    }

    /** The path the adapter must POST a whole call to (e.g. "/v1/chat/completions"). */
    protected abstract String chatPath();

    /** The path the adapter must POST a stream to; the chat path unless the provider has a stream endpoint. */
    protected String streamPath() {
        return chatPath();
    }

    /** The provider's own error body for this status and message. */
    protected abstract String errorBody(int status, String message);

    /** Checks the request the provider received: credentials in the provider's header, the upstream model. */
    protected abstract void assertUpstreamRequest(FakeUpstream.Recorded request);

    /** The upstream key travels in {@code header} alone, never also as a bearer token. */
    protected static void assertKeyOnlyIn(FakeUpstream.Recorded request, String header, String why) {
        assertThat(request.header(header)).isEqualTo(API_KEY);
        assertThat(request.header("Authorization")).as(why).isNull();
    }

    /** Response fields that legitimately differ between runs (generated ids, timestamps). */
    protected Set<String> volatileFields() {
        return Set.of();
    }

    @BeforeEach
    void startUpstream() {
        upstream = FakeUpstream.start();
    }

    @AfterEach
    void stopUpstream() {
        upstream.close();
    }

    protected Provider provider(Duration timeout) {
        return newProvider(new ProviderConfig(type(), ProviderType.of(type()), baseUrl(upstream.baseUrl()), API_KEY, Map.of(), timeout, null));
    }

    protected ChatCall call(String requestFile, Duration timeout) {
        ObjectNode body = Golden.json("client/" + requestFile);
        return new ChatCall(ClientWire.OPENAI, body, upstreamModel(), timeout, Map.of());
    }

    @Test
    void whole_call_answers_in_the_openai_wire_with_usage_by_class() {
        upstream.on(chatPath(), Reply.json(200, Golden.text(goldenDir() + "/chat-upstream-response.json")));

        ProviderReply reply = provider(Duration.ofSeconds(5)).chat(call("openai-chat-request.json", Duration.ofSeconds(5)));

        assertThat(Golden.without(reply.body(), volatileFields()))
                .isEqualTo(Golden.without(Golden.json(goldenDir() + "/chat-client-response.json"), volatileFields()));
        assertThat(reply.usage()).isEqualTo(Golden.usage(goldenDir() + "/chat-usage.json"));
        assertThat(reply.rawUsage()).as("the provider's own usage block is kept").isNotNull();
        assertThat(reply.usageEstimated()).isFalse();
        assertThat(reply.clientCancelled()).isFalse();
    }

    @Test
    void sends_the_upstream_model_and_the_provider_credentials() {
        upstream.on(chatPath(), Reply.json(200, Golden.text(goldenDir() + "/chat-upstream-response.json")));

        provider(Duration.ofSeconds(5)).chat(call("openai-chat-request.json", Duration.ofSeconds(5)));

        assertThat(upstream.received()).hasSize(1);
        assertThat(upstream.last().path()).isEqualTo(chatPath());
        assertUpstreamRequest(upstream.last());
    }

    @Test
    void stream_forwards_every_event_and_reports_usage_right_before_the_last_one() {
        List<String> upstreamEvents = FakeUpstream.sseEvents(Golden.text(goldenDir() + "/stream-upstream.sse"));
        upstream.on(streamPath(), Reply.sse(upstreamEvents, Duration.ofMillis(2)));
        RecordingSink sink = new RecordingSink(-1);

        ProviderReply reply = provider(Duration.ofSeconds(5)).stream(call("openai-stream-request.json", Duration.ofSeconds(5)), sink);

        List<String> expected = FakeUpstream.sseEvents(Golden.text(goldenDir() + "/stream-client.sse"));
        assertThat(sink.events()).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(dataOf(sink.events().get(i))).as("client event %d", i).isEqualTo(dataOf(expected.get(i)));
        }
        Usage expectedUsage = Golden.usage(goldenDir() + "/stream-usage.json");
        assertThat(reply.usage()).isEqualTo(expectedUsage);
        assertThat(sink.settled()).as("beforeLastEvent called once").isNotNull();
        assertThat(sink.settled().usage()).isEqualTo(expectedUsage);
        assertThat(sink.settledBeforeEvent()).as("settled right before the final event").isEqualTo(expected.size() - 1);
        assertThat(reply.body()).isNull();
    }

    @Test
    void stream_events_reach_the_client_while_upstream_is_still_sending() {
        List<String> upstreamEvents = FakeUpstream.sseEvents(Golden.text(goldenDir() + "/stream-upstream.sse"));
        upstream.on(streamPath(), Reply.sse(upstreamEvents, Duration.ofMillis(400)));
        RecordingSink sink = new RecordingSink(-1);
        long start = System.nanoTime();

        provider(Duration.ofSeconds(10)).stream(call("openai-stream-request.json", Duration.ofSeconds(10)), sink);

        long totalMillis = (System.nanoTime() - start) / 1_000_000;
        long firstMillis = (sink.sentAtNanos().getFirst() - start) / 1_000_000;
        assertThat(totalMillis).as("the fake paused between events").isGreaterThan(800);
        assertThat(firstMillis).as("first event forwarded before the upstream finished").isLessThan(totalMillis - 500);
    }

    @ParameterizedTest(name = "upstream {0} -> {1}")
    @CsvSource({
            "400, bad_request", "401, unauthorized", "403, unauthorized", "404, not_found",
            "429, rate_limited", "500, upstream_error", "503, upstream_error"})
    void upstream_errors_map_to_one_error_type_with_the_providers_message(int status, String kind) {
        upstream.on(chatPath(), Reply.json(status, errorBody(status, "the provider says no (" + status + ")")));

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> provider(Duration.ofSeconds(5)).chat(call("openai-chat-request.json", Duration.ofSeconds(5))));

        assertThat(e).isNotNull();
        assertThat(e.error().kind()).isEqualTo(kind);
        assertThat(e.error().upstreamStatus()).isEqualTo(status);
        assertThat(e.error().provider()).isEqualTo(type());
        assertThat(e.error().message()).contains("the provider says no (" + status + ")");
        assertThat(e.error().rawBody()).isNotBlank();
    }

    @Test
    void an_upstream_that_does_not_answer_in_time_times_out() {
        upstream.on(chatPath(), Reply.hang(Duration.ofSeconds(5)));

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> provider(Duration.ofMillis(300)).chat(call("openai-chat-request.json", Duration.ofMillis(300))));

        assertThat(e).isNotNull();
        assertThat(e.error().kind()).isEqualTo("timeout");
        assertThat(e.error().retriable()).isTrue();
    }

    @Test
    void a_client_leaving_mid_stream_stops_the_call_and_keeps_the_usage_so_far() {
        List<String> upstreamEvents = FakeUpstream.sseEvents(Golden.text(goldenDir() + "/stream-upstream.sse"));
        upstream.on(streamPath(), Reply.sse(upstreamEvents, Duration.ofMillis(5)));
        RecordingSink sink = new RecordingSink(2);

        ProviderReply reply = provider(Duration.ofSeconds(5)).stream(call("openai-stream-request.json", Duration.ofSeconds(5)), sink);

        assertThat(reply.clientCancelled()).isTrue();
        assertThat(reply.usage().inputTokens()).as("the prompt was paid for").isPositive();
        assertThat(sink.settled()).as("no normal end of stream").isNull();
    }

    @Test
    void a_stream_cut_by_the_provider_fails_after_it_started_and_keeps_partial_usage() {
        List<String> upstreamEvents = FakeUpstream.sseEvents(Golden.text(goldenDir() + "/stream-upstream.sse"));
        upstream.on(streamPath(), Reply.sseCut(upstreamEvents, 3));
        RecordingSink sink = new RecordingSink(-1);

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> provider(Duration.ofSeconds(5)).stream(call("openai-stream-request.json", Duration.ofSeconds(5)), sink));

        assertThat(e).isNotNull();
        assertThat(e.streamStarted()).isTrue();
        assertThat(e.partialUsage()).isPresent();
        assertThat(e.partialUsage().get().inputTokens()).isPositive();
        assertThat(sink.settled()).isNull();
    }

    private static JsonNode dataOf(String sseEvent) {
        StringBuilder data = new StringBuilder();
        String name = null;
        for (String line : sseEvent.split("\n")) {
            if (line.startsWith("data:")) {
                data.append(line.substring(5).strip());
            } else if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            }
        }
        var node = Golden.JSON.createObjectNode();
        node.put("event", name);
        try {
            node.set("data", data.toString().equals("[DONE]") ? Golden.JSON.getNodeFactory().textNode("[DONE]")
                    : Golden.JSON.readTree(data.toString()));
        } catch (IOException e) {
            throw new IllegalStateException("event data is not JSON: " + data, e);
        }
        return node;
    }

}
