package dev.bursar.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.testing.Await;
import dev.bursar.testing.Golden;
import dev.bursar.testing.RunningBursar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A provider failing with 500s (the sim's fault injection) has its circuit opened; while open, clients get a 503
 * {@code provider_unavailable} in their own wire with {@code retry-after}, no provider is called and nothing is
 * booked; {@code /admin/providers} and {@code /metrics} show it; after {@code open-for} one good call closes it.
 */
class CircuitBreakerGatewayTest {

    static RunningBursar bursar;

    @BeforeAll
    static void start() {
        // open-for is short so the test can await half-open on the real clock; the breaker's unit tests drive a clock.
        bursar = RunningBursar.start("""
                providers:
                  - { name: sim, type: sim }
                  - { name: other, type: sim }
                resilience:
                  circuit-breaker: { failure-rate: 50, window: 30s, min-calls: 2, open-for: 3s }
                """);
    }

    @AfterAll
    static void stop() {
        bursar.close();
    }

    static String chat(String model, String customer) {
        return """
                {"model":"%s","max_tokens":20,"metadata":{"customer":"%s"},
                 "messages":[{"role":"user","content":"hi"}]}""".formatted(model, customer);
    }

    HttpResponse<String> openAi(String customer, String... headers) {
        return bursar.post("/v1/chat/completions", chat("gpt-4o-mini", customer), headers);
    }

    List<JsonNode> rowsOf(String customer) {
        return bursar.ledgerRows().stream().filter(r -> customer.equals(r.path("customer").asText())).toList();
    }

    JsonNode circuitOf(String provider) {
        HttpResponse<String> r = bursar.get("/admin/providers", "Authorization", "Bearer " + RunningBursar.MASTER_KEY);
        assertThat(r.statusCode()).isEqualTo(200);
        for (JsonNode p : json(r.body()).path("data")) {
            if (p.path("name").asText().equals(provider)) {
                assertThat(p.path("type").asText()).isEqualTo("sim");
                return p.path("circuit");
            }
        }
        throw new AssertionError("no provider " + provider + " in " + r.body());
    }

    String metrics() {
        return bursar.get("/metrics").body();
    }

    @Test
    void a_500_storm_opens_the_circuit_then_clients_get_503_with_retry_after_until_one_good_trial_closes_it() {
        assertThat(circuitOf("sim").path("state").asText()).isEqualTo("closed");

        // Two failed attempts out of two: at min-calls, 100% >= 50%.
        assertThat(openAi("storm", "X-Bursar-Sim-Fault", "500").statusCode()).isEqualTo(500);
        assertThat(openAi("storm", "X-Bursar-Sim-Fault", "500").statusCode()).isEqualTo(500);
        assertThat(rowsOf("storm")).hasSize(2).allSatisfy(r -> assertThat(r.path("status").asText()).isEqualTo("error"));

        HttpResponse<String> refused = openAi("refused");
        assertThat(refused.statusCode()).isEqualTo(503);
        long retryAfter = Long.parseLong(refused.headers().firstValue("retry-after").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 3L);
        JsonNode err = json(refused.body()).path("error");
        assertThat(err.path("code").asText()).isEqualTo("provider_unavailable");
        assertThat(err.path("message").asText()).contains("'sim'").contains("tried again at");
        assertThat(refused.headers().firstValue("X-Bursar-Request-Id")).isPresent();

        HttpResponse<String> refusedAnthropic = bursar.post("/v1/messages", chat("claude-3-5-haiku-20241022", "refused"),
                "anthropic-version", "2023-06-01");
        assertThat(refusedAnthropic.statusCode()).isEqualTo(503);
        assertThat(json(refusedAnthropic.body()).path("type").asText()).isEqualTo("error");
        assertThat(json(refusedAnthropic.body()).path("error").path("message").asText()).contains("'sim'");
        HttpResponse<String> refusedStream = bursar.post("/v1/chat/completions",
                chat("gpt-4o-mini", "refused").replace("\"max_tokens\"", "\"stream\":true,\"max_tokens\""));
        assertThat(refusedStream.statusCode()).as("a stream is refused before it starts").isEqualTo(503);
        assertThat(refusedStream.headers().firstValue("retry-after")).isPresent();
        assertThat(rowsOf("refused")).as("no provider was called, so nothing was spent or booked").isEmpty();

        JsonNode circuit = circuitOf("sim");
        assertThat(circuit.path("state").asText()).isEqualTo("open");
        assertThat(circuit.path("calls_in_window").asInt()).isEqualTo(2);
        assertThat(circuit.path("failure_rate_percent").decimalValue()).isEqualByComparingTo("100");
        assertThat(Instant.parse(circuit.path("half_opens_at").asText())).isAfter(Instant.now());
        assertThat(circuitOf("other").path("state").asText()).as("each provider has its own circuit").isEqualTo("closed");
        assertThat(metrics()).contains("bursar_circuit_state{provider=\"sim\"} 2")
                .contains("bursar_circuit_state{provider=\"other\"} 0")
                .contains("bursar_circuit_refused_total{provider=\"sim\"} 3");

        Await.until("the circuit half-opens after open-for", Duration.ofSeconds(10),
                () -> circuitOf("sim").path("state").asText().equals("half_open"));
        assertThat(metrics()).contains("bursar_circuit_state{provider=\"sim\"} 1");

        HttpResponse<String> trial = openAi("trial");
        assertThat(trial.statusCode()).isEqualTo(200);
        assertThat(rowsOf("trial")).hasSize(1);
        assertThat(circuitOf("sim").path("state").asText()).isEqualTo("closed");
        assertThat(circuitOf("sim").path("half_opens_at").isNull()).isTrue();
        assertThat(metrics()).contains("bursar_circuit_state{provider=\"sim\"} 0");
    }

    @Test
    void admin_providers_needs_the_master_key() {
        assertThat(bursar.get("/admin/providers").statusCode()).isEqualTo(401);
        assertThat(bursar.get("/admin/providers", "Authorization", "Bearer not-the-master-key").statusCode()).isEqualTo(401);
    }

    static JsonNode json(String body) {
        try {
            return Golden.JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
