package dev.bursar.telemetry;

import static dev.bursar.telemetry.OtlpReceiver.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bursar.testing.Await;
import dev.bursar.testing.FakeUpstream;
import dev.bursar.testing.FakeUpstream.Reply;
import dev.bursar.testing.Golden;
import dev.bursar.testing.RunningBursar;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The provider call carries the attempt span's trace context: an OpenAI-compatible upstream that traces too sees
 * Bursar's attempt as its parent, and without telemetry no traceparent is sent (nor the client's passed through).
 */
class UpstreamTraceparentTest {

    static OtlpReceiver otlp;
    static FakeUpstream upstream;
    static RunningBursar traced;
    static RunningBursar plain;

    @BeforeAll
    static void start() {
        otlp = OtlpReceiver.start();
        upstream = FakeUpstream.start();
        upstream.on("/v1/chat/completions", Reply.json(200, Golden.text("openai/chat-upstream-response.json")));
        String yaml = """
                providers:
                  - { name: fake, type: openai, base-url: "%s/v1", api-key: sk-fake }
                models:
                  - { name: gpt-4o-mini, provider: fake }
                """.formatted(upstream.baseUrl());
        traced = RunningBursar.start(yaml + "telemetry: { otlp: { endpoint: \"${OTLP}\" }, export-interval: 50ms }\n",
                Map.of("OTLP", otlp.endpoint()));
        plain = RunningBursar.start(yaml);
    }

    @AfterAll
    static void stop() {
        traced.close();
        plain.close();
        upstream.close();
        otlp.close();
    }

    static String chat() {
        return """
                {"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}""";
    }

    @Test
    void the_upstream_request_names_the_attempt_span_as_its_parent() {
        HttpResponse<String> r = traced.post("/v1/chat/completions", chat(),
                "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        assertThat(r.statusCode()).isEqualTo(200);
        String sent = upstream.last().header("traceparent");

        String id = r.headers().firstValue("X-Bursar-Request-Id").orElseThrow();
        Await.until("the request span", Duration.ofSeconds(10),
                () -> otlp.requestSpan(id).map(s -> otlp.children(s).size() == 1).orElse(false));
        Span attempt = otlp.children(otlp.requestSpan(id).orElseThrow()).get(0);
        assertThat(sent).isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-" + hex(attempt.getSpanId()) + "-01");
        assertThat(hex(attempt.getTraceId())).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void without_telemetry_no_trace_context_goes_upstream() {
        HttpResponse<String> r = plain.post("/v1/chat/completions", chat(),
                "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(upstream.last().header("traceparent")).isNull();
    }
}
