package dev.bursar.telemetry;

import static dev.bursar.telemetry.OtlpReceiver.attr;
import static dev.bursar.telemetry.OtlpReceiver.hex;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.testing.Await;
import dev.bursar.testing.RunningBursar;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real gateway exporting to an in-process OTLP receiver: every client request arrives as one SERVER span with one
 * CLIENT child span per provider attempt, named and attributed by the GenAI semantic conventions, carrying the exact
 * cost the ledger booked; the caller's traceparent is continued; streams, fallbacks, failures and cache hits.
 */
class TelemetryGatewayTest {

    static final String FAST = "ttft-millis: 0, tokens-per-second: 100000";
    static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    static final String PARENT_ID = "b7ad6b7169203331";

    static OtlpReceiver otlp;
    static RunningBursar bursar;

    @BeforeAll
    static void start() {
        otlp = OtlpReceiver.start();
        bursar = RunningBursar.start("""
                providers:
                  - { name: bad, type: sim, sim: { %1$s, server-error-rate: 1.0 } }
                  - { name: good, type: sim, sim: { %1$s } }
                models:
                  - { name: gpt-4o, provider: good }
                  - { name: gpt-4o-mini, provider: bad, fallbacks: [ { model: gpt-4o-mini, provider: good } ] }
                  - { name: broken, provider: bad, upstream: gpt-4o }
                cache:
                  exact: { ttl: 1h, max-entries: 1000 }
                telemetry:
                  otlp: { endpoint: "${OTLP}" }
                  service-name: bursar-test
                  export-interval: 50ms
                """.formatted(FAST), Map.of("OTLP", otlp.endpoint()));
    }

    @AfterAll
    static void stop() {
        bursar.close();
        otlp.close();
    }

    static String chat(String model, boolean stream) {
        // A fresh prompt each time: the cache answers only the test that asks for a hit.
        return """
                {"model":"%s","stream":%s,"max_tokens":20,"metadata":{"customer":"acme","feature":"search"},
                 "messages":[{"role":"user","content":"hello %s"}]}""".formatted(model, stream, UUID.randomUUID());
    }

    static String requestId(HttpResponse<String> r) {
        return r.headers().firstValue("X-Bursar-Request-Id").orElseThrow();
    }

    static Span requestSpan(String requestId, int attempts) {
        Await.until("the request span of " + requestId + " and its " + attempts + " attempt spans", Duration.ofSeconds(10),
                () -> otlp.requestSpan(requestId).map(s -> otlp.children(s).size() == attempts).orElse(false));
        return otlp.requestSpan(requestId).orElseThrow();
    }

    static List<JsonNode> rows(String requestId) {
        return bursar.ledgerRows().stream().filter(r -> requestId.equals(r.path("request_id").asText())).toList();
    }

    static String a(Span s, String key) {
        return attr(s, key).orElse(null);
    }

    @Test
    void a_whole_call_is_one_request_span_and_one_attempt_span_with_genai_attributes_and_the_exact_cost() {
        HttpResponse<String> r = bursar.post("/v1/chat/completions", chat("gpt-4o", false));
        assertThat(r.statusCode()).isEqualTo(200);

        Span request = requestSpan(requestId(r), 1);
        Span attempt = otlp.children(request).get(0);
        JsonNode row = rows(requestId(r)).get(0);

        assertThat(request.getName()).isEqualTo("chat gpt-4o");
        assertThat(request.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(attempt.getName()).isEqualTo("chat gpt-4o");
        assertThat(attempt.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
        assertThat(attempt.getTraceId()).isEqualTo(request.getTraceId());
        for (Span s : List.of(request, attempt)) {
            assertThat(a(s, "gen_ai.operation.name")).isEqualTo("chat");
            assertThat(a(s, "gen_ai.provider.name")).isEqualTo("good");
            assertThat(a(s, "gen_ai.request.model")).isEqualTo("gpt-4o");
            assertThat(a(s, "gen_ai.response.model")).isEqualTo(row.path("upstream_model").asText());
            assertThat(a(s, "gen_ai.usage.input_tokens")).isEqualTo(row.path("input_tokens").asText());
            assertThat(a(s, "gen_ai.usage.output_tokens")).isEqualTo(row.path("output_tokens").asText());
            assertThat(a(s, "gen_ai.response.finish_reasons")).isNotBlank();
            assertThat(s.getStatus().getCode()).isNotEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        }
        assertThat(Long.parseLong(a(attempt, "gen_ai.usage.output_tokens"))).isPositive();
        // The exact cost as the decimal's plain text: the same number the client's header and the ledger row carry.
        String cost = a(attempt, "bursar.cost_usd");
        assertThat(cost).matches("\\d+\\.\\d+");
        assertThat(new BigDecimal(cost)).isEqualByComparingTo(r.headers().firstValue("X-Bursar-Cost-Usd").orElseThrow())
                .isEqualByComparingTo(new BigDecimal(row.path("cost_usd").asText())).isPositive();
        assertThat(a(request, "bursar.cost_usd")).isEqualTo(cost);
        assertThat(a(request, "bursar.customer")).isEqualTo("acme");
        assertThat(a(request, "bursar.feature")).isEqualTo("search");
        assertThat(a(request, "bursar.attempts")).isEqualTo("1");
        assertThat(a(attempt, "bursar.provider")).isEqualTo("good");
        assertThat(a(attempt, "bursar.attempt")).isEqualTo("1");
        assertThat(otlp.resourceAttribute("service.name")).contains("bursar-test");
        assertThat(otlp.contentTypes()).allMatch(t -> t.startsWith("application/x-protobuf"));
    }

    @Test
    void the_callers_traceparent_is_continued() {
        HttpResponse<String> r = bursar.post("/v1/chat/completions", chat("gpt-4o", false),
                "traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01");
        assertThat(r.statusCode()).isEqualTo(200);

        Span request = requestSpan(requestId(r), 1);
        assertThat(hex(request.getTraceId())).isEqualTo(TRACE_ID);
        assertThat(hex(request.getParentSpanId())).isEqualTo(PARENT_ID);
        assertThat(hex(otlp.children(request).get(0).getTraceId())).isEqualTo(TRACE_ID);
    }

    @Test
    void a_stream_span_ends_with_the_stream_and_carries_its_usage_and_cost() {
        HttpResponse<String> r = bursar.post("/v1/chat/completions", chat("gpt-4o", true));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("data: [DONE]");

        Span request = requestSpan(requestId(r), 1);
        Span attempt = otlp.children(request).get(0);
        JsonNode row = rows(requestId(r)).get(0);
        assertThat(a(request, "gen_ai.request.stream")).isEqualTo("true");
        assertThat(a(attempt, "gen_ai.usage.input_tokens")).isEqualTo(row.path("input_tokens").asText());
        assertThat(a(attempt, "gen_ai.usage.output_tokens")).isEqualTo(row.path("output_tokens").asText());
        assertThat(Long.parseLong(a(attempt, "gen_ai.usage.output_tokens"))).isPositive();
        // The finish reason the client saw in the stream's last chunk.
        assertThat(a(attempt, "gen_ai.response.finish_reasons")).isIn("stop", "length");
        assertThat(r.body()).contains("\"finish_reason\":\"" + a(attempt, "gen_ai.response.finish_reasons") + "\"");
        assertThat(new BigDecimal(a(attempt, "bursar.cost_usd"))).isEqualByComparingTo(new BigDecimal(row.path("cost_usd").asText()))
                .isPositive();
        // The attempt span covers the stream: it ends no earlier than the ledger row's latency after it started.
        long spanMicros = (attempt.getEndTimeUnixNano() - attempt.getStartTimeUnixNano()) / 1_000;
        assertThat(spanMicros).isGreaterThanOrEqualTo(row.path("ttft_micros").asLong());
        assertThat(attempt.getEndTimeUnixNano()).isLessThanOrEqualTo(request.getEndTimeUnixNano());
    }

    @Test
    void a_fallback_is_one_attempt_span_per_provider_and_the_request_span_sums_their_cost() {
        for (boolean stream : List.of(false, true)) {
            HttpResponse<String> r = bursar.post("/v1/chat/completions", chat("gpt-4o-mini", stream));
            assertThat(r.statusCode()).isEqualTo(200);

            Span request = requestSpan(requestId(r), 2);
            List<Span> attempts = otlp.children(request);
            Span failed = attempts.get(0);
            Span served = attempts.get(1);
            assertThat(a(failed, "bursar.provider")).isEqualTo("bad");
            assertThat(failed.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
            assertThat(a(failed, "error.type")).isEqualTo("upstream_error");
            assertThat(a(served, "bursar.provider")).isEqualTo("good");
            assertThat(a(served, "bursar.route")).isEqualTo("fallback:upstream_error");
            assertThat(served.getStatus().getCode()).isNotEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
            assertThat(request.getStatus().getCode()).isNotEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
            assertThat(a(request, "gen_ai.provider.name")).isEqualTo("good");
            assertThat(a(request, "bursar.attempts")).isEqualTo("2");
            BigDecimal booked = rows(requestId(r)).stream().map(row -> new BigDecimal(row.path("cost_usd").asText()))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(new BigDecimal(a(request, "bursar.cost_usd"))).isEqualByComparingTo(booked);
        }
    }

    @Test
    void a_failed_request_has_error_status_and_error_type_on_both_spans() {
        HttpResponse<String> r = bursar.post("/v1/chat/completions", chat("broken", false));
        assertThat(r.statusCode()).isGreaterThanOrEqualTo(500);

        Span request = requestSpan(requestId(r), 1);
        Span attempt = otlp.children(request).get(0);
        for (Span s : List.of(request, attempt)) {
            assertThat(s.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
            assertThat(a(s, "error.type")).isNotBlank();
        }
        assertThat(a(attempt, "error.type")).isEqualTo("upstream_error");
        assertThat(a(request, "http.response.status_code")).isEqualTo(Integer.toString(r.statusCode()));
    }

    @Test
    void a_request_refused_before_any_provider_is_one_error_span_without_attempts() {
        HttpResponse<String> r = bursar.post("/v1/chat/completions", chat("no-such-model", false));
        assertThat(r.statusCode()).isEqualTo(404);

        Span request = requestSpan(requestId(r), 0);
        assertThat(request.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(a(request, "error.type")).isEqualTo("model_not_found");
    }

    @Test
    void a_cache_hit_is_a_request_span_without_attempts_that_says_what_it_saved() {
        String body = chat("gpt-4o", false);
        HttpResponse<String> first = bursar.post("/v1/chat/completions", body);
        HttpResponse<String> hit = bursar.post("/v1/chat/completions", body);
        assertThat(hit.headers().firstValue("X-Bursar-Cache")).contains("hit-exact");

        requestSpan(requestId(first), 1);
        Span request = requestSpan(requestId(hit), 0);
        assertThat(a(request, "bursar.cache")).isEqualTo("hit-exact");
        assertThat(a(request, "bursar.cost_usd")).isEqualTo("0");
        assertThat(new BigDecimal(a(request, "bursar.saved_usd")))
                .isEqualByComparingTo(hit.headers().firstValue("X-Bursar-Saved-Usd").orElseThrow()).isPositive();
        assertThat(a(request, "gen_ai.usage.input_tokens")).isEqualTo("0");
    }

    @Test
    void the_genai_client_metrics_are_exported() {
        bursar.post("/v1/chat/completions", chat("gpt-4o", false));
        Await.until("both GenAI client metrics", Duration.ofSeconds(10), () -> otlp.metrics().stream().map(Metric::getName)
                .collect(Collectors.toSet()).containsAll(Set.of("gen_ai.client.token.usage", "gen_ai.client.operation.duration")));

        Metric tokens = otlp.metrics().stream().filter(m -> m.getName().equals("gen_ai.client.token.usage")).findFirst().orElseThrow();
        assertThat(tokens.getUnit()).isEqualTo("{token}");
        assertThat(tokens.getHistogram().getDataPointsList()).extracting(p -> p.getAttributesList().stream()
                .filter(kv -> kv.getKey().equals("gen_ai.token.type")).findFirst().orElseThrow().getValue().getStringValue())
                .contains("input", "output");
        assertThat(tokens.getHistogram().getDataPoints(0).getExplicitBoundsList()).startsWith(1.0, 4.0, 16.0, 64.0);
        Metric duration = otlp.metrics().stream().filter(m -> m.getName().equals("gen_ai.client.operation.duration"))
                .findFirst().orElseThrow();
        assertThat(duration.getUnit()).isEqualTo("s");
        assertThat(duration.getHistogram().getDataPoints(0).getExplicitBoundsList()).startsWith(0.01, 0.02, 0.04);
    }
}
