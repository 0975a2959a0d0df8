package dev.bursar.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.ledger.Dimension;
import dev.bursar.ledger.SpendQuery;
import dev.bursar.ledger.SpendRow;
import dev.bursar.testing.FakeUpstream;
import dev.bursar.testing.FakeUpstream.Reply;
import dev.bursar.testing.Golden;
import dev.bursar.testing.RunningBursar;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAI wire end to end: a real gateway, a real HTTP upstream playing OpenAI, the real ledger. */
class OpenAiWireGatewayTest {

    /** gpt-4o-mini: $0.15 input, $0.075 cached input, $0.60 output per million tokens. Usage 1200 (1024 cached) + 300:
     *  176 × 0.15 + 1024 × 0.075 + 300 × 0.60 = 26.4 + 76.8 + 180 = 283.2 millionths of a dollar. */
    static final BigDecimal GOLDEN_CALL_COST = new BigDecimal("0.0002832");

    FakeUpstream upstream;
    RunningBursar bursar;

    @BeforeEach
    void start() {
        upstream = FakeUpstream.start();
        bursar = RunningBursar.start("""
                providers:
                  - { name: up, type: openai, base-url: "%s/v1", api-key: sk-upstream, timeout: 2s }
                models:
                  - { name: gpt-4o-mini, provider: up }
                keys:
                  - { key: app-key, customer: acme, feature: chat, environment: prod }
                  - { key: backend-key }
                """.formatted(upstream.baseUrl()));
    }

    @AfterEach
    void stop() {
        bursar.close();
        upstream.close();
    }

    static String chatBody(boolean stream) {
        return """
                {"model":"gpt-4o-mini","messages":[{"role":"user","content":"What is the capital of France?"}],
                 "max_tokens":50,"stream":%s,"x_vendor_field":{"kept":true}}""".formatted(stream);
    }

    @Test
    void a_whole_call_is_forwarded_priced_exactly_and_recorded_with_its_attribution() {
        upstream.on("/v1/chat/completions", Reply.json(200, Golden.text("gateway/openai-chat-response.json")));

        HttpResponse<String> r = bursar.post("/v1/chat/completions", chatBody(false),
                "Authorization", "Bearer app-key", "X-Bursar-Prompt-Version", "v7");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(parse(r.body())).isEqualTo(Golden.json("gateway/openai-chat-response.json"));
        assertThat(r.headers().firstValue("X-Bursar-Cost-Usd")).hasValue(GOLDEN_CALL_COST.toPlainString());
        assertThat(r.headers().firstValue("X-Bursar-Model")).hasValue("gpt-4o-mini");
        assertThat(r.headers().firstValue("X-Bursar-Request-Id").orElseThrow()).startsWith("req_");

        JsonNode sent = upstream.last().json();
        assertThat(sent.path("x_vendor_field").path("kept").asBoolean()).as("unknown fields pass through").isTrue();
        assertThat(upstream.last().header("Authorization")).isEqualTo("Bearer sk-upstream");

        SpendRow row = only(spend(Dimension.CUSTOMER, Dimension.FEATURE, Dimension.PROMPT_VERSION, Dimension.ENVIRONMENT));
        assertThat(row.group()).containsExactly("acme", "chat", "v7", "prod");
        assertThat(row.costUsd()).isEqualByComparingTo(GOLDEN_CALL_COST);
        assertThat(row.tokens().inputTokens()).isEqualTo(1200);
        assertThat(row.tokens().cachedInputTokens()).isEqualTo(1024);
        assertThat(row.tokens().outputTokens()).isEqualTo(300);
        assertThat(row.requests()).isEqualTo(1);
    }

    @Test
    void the_admin_api_reports_spend_by_customer_over_whole_days_like_the_cli() {
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        upstream.on("/v1/chat/completions", Reply.json(200, Golden.text("gateway/openai-chat-response.json")));
        bursar.post("/v1/chat/completions", chatBody(false), "Authorization", "Bearer app-key");
        // A key's customer is locked; a key without one attributes per request.
        bursar.post("/v1/chat/completions", chatBody(false), "Authorization", "Bearer backend-key", "X-Bursar-Customer", "globex");
        String auth = "Bearer " + RunningBursar.MASTER_KEY;

        JsonNode report = parse(bursar.get("/admin/spend?group_by=customer&from=" + today + "&to=" + today, "Authorization", auth).body());

        assertThat(report.path("to").asText()).as("a 'to' date includes that whole day")
                .isEqualTo(java.time.LocalDate.parse(today).plusDays(1) + "T00:00:00Z");
        assertThat(report.path("rows")).hasSize(2);
        for (JsonNode row : report.path("rows")) {
            assertThat(row.path("customer").asText()).isIn("acme", "globex");
            assertThat(new BigDecimal(row.path("cost_usd").asText())).isEqualByComparingTo(GOLDEN_CALL_COST);
        }
        String yesterday = java.time.LocalDate.parse(today).minusDays(1).toString();
        assertThat(parse(bursar.get("/admin/spend?group_by=customer&from=" + yesterday + "&to=" + yesterday, "Authorization", auth)
                .body()).path("rows")).as("yesterday had no spend").isEmpty();
        HttpResponse<String> bad = bursar.get("/admin/spend?from=" + today + "&to=" + yesterday, "Authorization", auth);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("must be before");
        assertThat(bursar.get("/admin/spend", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
    }

    @Test
    void a_stream_is_forwarded_event_by_event_and_recorded_from_its_usage() {
        List<String> events = FakeUpstream.sseEvents(Golden.text("gateway/openai-stream.sse"));
        upstream.on("/v1/chat/completions", Reply.sse(events, Duration.ofMillis(1)));

        HttpResponse<String> r = bursar.post("/v1/chat/completions", chatBody(true), "Authorization", "Bearer app-key");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        List<String> dataLines = r.body().lines().filter(l -> l.startsWith("data: ")).toList();
        assertThat(dataLines).hasSize(5).as("the usage chunk the client did not ask for is removed");
        assertThat(dataLines.get(dataLines.size() - 1)).isEqualTo("data: [DONE]");
        assertThat(r.body()).contains(": x-bursar-cost-usd " + GOLDEN_CALL_COST.toPlainString());
        assertThat(upstream.last().json().path("stream_options").path("include_usage").asBoolean())
                .as("Bursar always asks the provider for the usage").isTrue();

        SpendRow row = only(spend(Dimension.CUSTOMER));
        assertThat(row.costUsd()).isEqualByComparingTo(GOLDEN_CALL_COST);
    }

    @Test
    void each_event_reaches_the_client_as_soon_as_the_provider_sent_it() throws Exception {
        List<String> events = FakeUpstream.sseEvents(Golden.text("gateway/openai-stream.sse"));
        Duration gap = Duration.ofMillis(400);
        upstream.on("/v1/chat/completions", Reply.sse(events, gap));
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        long t0 = System.nanoTime();
        HttpResponse<java.util.stream.Stream<String>> r = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(bursar.baseUrl() + "/v1/chat/completions"))
                        .header("Authorization", "Bearer app-key").POST(java.net.http.HttpRequest.BodyPublishers.ofString(chatBody(true)))
                        .build(), HttpResponse.BodyHandlers.ofLines());
        List<Long> arrivalsMs = new java.util.ArrayList<>();
        r.body().filter(l -> l.startsWith("data: ")).forEach(l -> arrivalsMs.add((System.nanoTime() - t0) / 1_000_000));

        assertThat(arrivalsMs).hasSize(5);
        // The provider sends event k at about k × 400 ms: each must arrive before the provider sends the next one.
        for (int k = 0; k < 3; k++) {
            assertThat(arrivalsMs.get(k)).as("data event %d arrived at %s ms", k, arrivalsMs)
                    .isLessThan((k + 1) * gap.toMillis());
        }
    }

    @Test
    void a_failed_upstream_call_is_passed_through_with_the_provider_named_and_recorded_as_a_failed_attempt() {
        upstream.on("/v1/chat/completions", Reply.json(500,
                "{\"error\":{\"message\":\"The server had an error while processing your request.\",\"type\":\"server_error\",\"param\":null,\"code\":null}}"));

        HttpResponse<String> r = bursar.post("/v1/chat/completions", chatBody(false), "Authorization", "Bearer app-key");

        assertThat(r.statusCode()).isEqualTo(500);
        JsonNode err = parse(r.body()).path("error");
        assertThat(err.path("message").asText()).contains("'up'").contains("The server had an error");
        assertThat(err.has("type")).isTrue();
        SpendRow row = only(spend(Dimension.CUSTOMER));
        assertThat(row.failedAttempts()).isEqualTo(1);
        assertThat(row.requests()).isZero();
    }

    @Test
    void an_upstream_that_does_not_answer_gives_504() {
        upstream.on("/v1/chat/completions", Reply.hang(Duration.ofSeconds(5)));

        HttpResponse<String> r = bursar.post("/v1/chat/completions", chatBody(false), "Authorization", "Bearer app-key");

        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(parse(r.body()).path("error").path("message").asText()).contains("'up'").contains("in time");
    }

    @Test
    void metrics_show_requests_tokens_and_exact_cost_by_model() {
        upstream.on("/v1/chat/completions", Reply.json(200, Golden.text("gateway/openai-chat-response.json")));
        bursar.post("/v1/chat/completions", chatBody(false), "Authorization", "Bearer app-key");

        String metrics = bursar.get("/metrics").body();

        assertThat(metrics).contains("bursar_requests_total{endpoint=\"chat\",model=\"gpt-4o-mini\",provider=\"up\",status=\"200\"} 1");
        assertThat(metrics).contains("bursar_cost_usd_total{model=\"gpt-4o-mini\"} " + GOLDEN_CALL_COST.toPlainString());
        assertThat(metrics).contains("bursar_tokens_total{model=\"gpt-4o-mini\",class=\"cached_input\"} 1024");
        assertThat(metrics).contains("bursar_request_duration_seconds_count 1");
    }

    @Test
    void models_lists_the_configured_model() {
        JsonNode models = parse(bursar.get("/v1/models", "Authorization", "Bearer app-key").body());
        assertThat(models.path("object").asText()).isEqualTo("list");
        assertThat(models.path("data").findValuesAsText("id")).contains("gpt-4o-mini");
    }

    List<SpendRow> spend(Dimension... dims) {
        return bursar.bursar().storage().ledger().spend(new SpendQuery(List.of(dims), Instant.now().minusSeconds(3600),
                Instant.now().plusSeconds(3600)));
    }

    static SpendRow only(List<SpendRow> rows) {
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    static JsonNode parse(String s) {
        try {
            return Golden.JSON.readTree(s);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }

}
