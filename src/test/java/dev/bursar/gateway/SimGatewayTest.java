package dev.bursar.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.testing.Await;
import dev.bursar.testing.Golden;
import dev.bursar.testing.RunningBursar;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The offline sim provider through the whole gateway: faults, cut streams, a client that leaves, embeddings. */
class SimGatewayTest {

    static RunningBursar bursar;

    @BeforeAll
    static void start() {
        bursar = RunningBursar.start("""
                providers:
                  - { name: sim, type: sim, timeout: 1s }
                  - { name: slow-sim, type: sim, sim: { ttft-millis: 0, tokens-per-second: 20, rate-limit-rate: 0, server-error-rate: 0, timeout-rate: 0, cut-stream-rate: 0, seed: 1 } }
                models:
                  - { name: slow-gpt, provider: slow-sim, upstream: gpt-4o-mini }
                """);
    }

    @AfterAll
    static void stop() {
        bursar.close();
    }

    static String chat(String model, boolean stream, int maxTokens, String customer) {
        return """
                {"model":"%s","stream":%s,"max_tokens":%d,"metadata":{"customer":"%s"},
                 "messages":[{"role":"user","content":"Explain prompt caching in two sentences."}]}""".formatted(model, stream, maxTokens, customer);
    }

    List<JsonNode> rowsOf(String customer) {
        return bursar.ledgerRows().stream().filter(r -> customer.equals(r.path("customer").asText())).toList();
    }

    @Test
    void an_injected_rate_limit_reaches_the_client_as_429_and_is_a_failed_attempt_in_the_ledger() {
        var r = bursar.post("/v1/chat/completions", chat("gpt-4o", false, 50, "fault-429"), "X-Bursar-Sim-Fault", "429");

        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.body()).contains("'sim'");
        List<JsonNode> rows = rowsOf("fault-429");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).path("status").asText()).isEqualTo("error");
        assertThat(rows.get(0).path("error_class").asText()).isEqualTo("rate_limited");
    }

    @Test
    void a_stream_cut_by_the_provider_ends_with_an_error_event_and_its_tokens_are_still_spend() {
        var r = bursar.post("/v1/chat/completions", chat("gpt-4o", true, 200, "cut"), "X-Bursar-Sim-Fault", "cut");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"error\"").doesNotContain("[DONE]");
        List<JsonNode> rows = rowsOf("cut");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).path("status").asText()).isEqualTo("error");
        assertThat(rows.get(0).path("input_tokens").asLong()).isPositive();
        assertThat(rows.get(0).path("cost_usd").asText()).isNotEqualTo("0");
    }

    @Test
    void a_client_that_leaves_mid_stream_is_recorded_with_the_tokens_produced_so_far() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest req = HttpRequest.newBuilder(URI.create(bursar.baseUrl() + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(chat("slow-gpt", true, 400, "leaver"))).build();
        HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            byte[] first = in.readNBytes(200);
            assertThat(new String(first, StandardCharsets.UTF_8)).startsWith("data: ");
        }
        http.close();

        Await.until("the cancelled stream's ledger row", Duration.ofSeconds(10), () -> !rowsOf("leaver").isEmpty());
        List<JsonNode> rows = rowsOf("leaver");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).path("status").asText()).isEqualTo("client_cancelled");
        assertThat(rows.get(0).path("output_tokens").asLong()).isPositive().isLessThan(400);
    }

    @Test
    void embeddings_are_served_and_priced_by_input_tokens() {
        var r = bursar.post("/v1/embeddings", "{\"model\":\"text-embedding-3-small\",\"input\":[\"hello world\",\"bursar\"],\"metadata\":{\"customer\":\"emb\"}}");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = json(r.body());
        assertThat(body.path("data")).hasSize(2);
        assertThat(r.headers().firstValue("X-Bursar-Cost-Usd").orElseThrow()).isNotEqualTo("0");
        assertThat(rowsOf("emb")).hasSize(1);
    }

    @Test
    void the_anthropic_wire_works_against_sim_models_streamed() {
        var r = bursar.post("/v1/messages", """
                {"model":"claude-3-5-haiku-20241022","max_tokens":60,"stream":true,"metadata":{"user_id":"u-1"},
                 "messages":[{"role":"user","content":"Hello"}]}""", "anthropic-version", "2023-06-01");

        assertThat(r.statusCode()).isEqualTo(200);
        List<String> events = r.body().lines().filter(l -> l.startsWith("event: ")).toList();
        assertThat(events.get(0)).isEqualTo("event: message_start");
        assertThat(events.get(events.size() - 1)).isEqualTo("event: message_stop");
        assertThat(events).contains("event: content_block_delta", "event: message_delta");
    }

    static JsonNode json(String s) {
        try {
            return Golden.JSON.readTree(s);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }
}
