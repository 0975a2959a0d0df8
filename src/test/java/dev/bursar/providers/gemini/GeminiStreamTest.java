package dev.bursar.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.config.ProviderConfig;
import dev.bursar.config.ProviderType;
import dev.bursar.providers.ChatCall;
import dev.bursar.providers.ProviderException;
import dev.bursar.providers.ProviderReply;
import dev.bursar.providers.StreamSink;
import dev.bursar.providers.UpstreamHttp;
import dev.bursar.testing.FakeUpstream;
import dev.bursar.testing.FakeUpstream.Reply;
import dev.bursar.testing.Golden;
import dev.bursar.wire.ClientWire;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import dev.bursar.testing.RecordingSink;

class GeminiStreamTest {

    @AutoClose
    private final UpstreamHttp http = new UpstreamHttp();

    private static final String PATH = "/v1beta/models/gemini-2.5-flash:streamGenerateContent";
    @AutoClose
    private final FakeUpstream upstream = FakeUpstream.start();
    private final RecordingSink sink = new RecordingSink();

    private ProviderReply stream(ObjectNode body, Duration timeout) {
        var config = new ProviderConfig("gemini", ProviderType.GEMINI, upstream.baseUrl(), "k", Map.of(), timeout, null);
        return new GeminiProvider(config, http, GeminiProviderContractTest.FIXED)
                .stream(new ChatCall(ClientWire.OPENAI, body, "gemini-2.5-flash", timeout, Map.of()), sink);
    }

    private List<String> upstreamEvents() {
        return FakeUpstream.sseEvents(Golden.text("gemini/stream-upstream.sse"));
    }

    @Test
    void without_include_usage_the_client_gets_no_usage_chunk_but_the_reply_has_the_usage() {
        upstream.on(PATH, Reply.sse(upstreamEvents(), Duration.ZERO));
        ObjectNode body = Golden.json("client/openai-stream-request.json");
        body.remove("stream_options");

        ProviderReply reply = stream(body, Duration.ofSeconds(5));

        assertThat(sink.events()).hasSize(7).noneMatch(e -> e.contains("\"usage\""));
        assertThat(sink.events().getLast()).isEqualTo("data: [DONE]\n\n");
        assertThat(reply.usage()).isEqualTo(Golden.usage("gemini/stream-usage.json"));
        assertThat(sink.settled()).isNotNull();
        assertThat(upstream.last().query()).isEqualTo("alt=sse");
    }

    @Test
    void a_gap_between_events_longer_than_the_timeout_fails_with_a_timeout_and_partial_usage() {
        upstream.on(PATH, Reply.sse(upstreamEvents(), Duration.ofSeconds(3)));

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> stream(Golden.json("client/openai-stream-request.json"), Duration.ofMillis(400)));

        assertThat(e.error().kind()).isEqualTo("timeout");
        assertThat(e.streamStarted()).isTrue();
        assertThat(e.partialUsage()).hasValueSatisfying(u -> assertThat(u.inputTokens()).isEqualTo(1289));
        assertThat(sink.settled()).isNull();
    }

    @Test
    void an_error_status_on_the_stream_endpoint_carries_googles_message() {
        upstream.on(PATH, Reply.json(429, "{\"error\":{\"code\":429,\"message\":\"Quota exceeded\",\"status\":\"RESOURCE_EXHAUSTED\"}}"));

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> stream(Golden.json("client/openai-stream-request.json"), Duration.ofSeconds(5)));

        assertThat(e.error().kind()).isEqualTo("rate_limited");
        assertThat(e.error().message()).contains("Quota exceeded").contains("RESOURCE_EXHAUSTED");
        assertThat(e.streamStarted()).isFalse();
    }
}
