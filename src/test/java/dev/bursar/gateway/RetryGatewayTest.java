package dev.bursar.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.testing.RunningBursar;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * resilience.retry through the whole gateway with the sim's fault injection: every attempt is a ledger row, the
 * waits between them are the backoff (or the provider's retry-after), asked of an injected sleeper so nothing sleeps.
 */
class RetryGatewayTest {

    static final List<Duration> waits = new CopyOnWriteArrayList<>();
    static RunningBursar bursar;

    @BeforeAll
    static void start() {
        // jitter: none, so the waits are exact; the jitter's spread is BackoffTest's.
        bursar = RunningBursar.start("""
                providers:
                  - { name: sim, type: sim }
                resilience:
                  retry: { max-attempts: 3, backoff: exponential, base: 200ms, max: 5s, jitter: none }
                """, Map.of(), waits::add);
    }

    @AfterAll
    static void stop() {
        bursar.close();
    }

    @BeforeEach
    void forgetWaits() {
        waits.clear();
    }

    static String chat(String customer, boolean stream, int maxTokens) {
        return """
                {"model":"gpt-4o-mini","stream":%s,"max_tokens":%d,"metadata":{"customer":"%s"},
                 "messages":[{"role":"user","content":"Hi"}]}""".formatted(stream, maxTokens, customer);
    }

    static List<JsonNode> rowsOf(RunningBursar b, String customer) {
        return b.ledgerRows().stream().filter(r -> customer.equals(r.path("customer").asText())).toList();
    }

    @Test
    void a_500_storm_is_tried_three_times_with_exponential_waits_and_every_attempt_is_booked() {
        HttpResponse<String> r = bursar.post("/v1/chat/completions", chat("storm", false, 20), "X-Bursar-Sim-Fault", "500");

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(waits).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
        List<JsonNode> rows = rowsOf(bursar, "storm");
        assertThat(rows).extracting(row -> row.path("attempt").asInt()).containsExactly(1, 2, 3);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.path("status").asText()).isEqualTo("error");
            assertThat(row.path("error_class").asText()).isEqualTo("upstream_error");
        });
        assertThat(rows).extracting(row -> row.path("request_id").asText()).containsOnly(r.headers().firstValue("X-Bursar-Request-Id").orElseThrow());
    }

    @Test
    void a_stream_that_fails_before_its_first_byte_is_retried_the_same_way() {
        HttpResponse<String> r = bursar.post("/v1/chat/completions", chat("storm-stream", true, 20), "X-Bursar-Sim-Fault", "500");

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(waits).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
        assertThat(rowsOf(bursar, "storm-stream")).extracting(row -> row.path("attempt").asInt()).containsExactly(1, 2, 3);
    }

    @Test
    void a_stream_cut_after_it_reached_the_client_is_not_replayed() {
        HttpResponse<String> r = bursar.post("/v1/chat/completions", chat("cut", true, 200), "X-Bursar-Sim-Fault", "cut");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"error\"");
        assertThat(waits).isEmpty();
        assertThat(rowsOf(bursar, "cut")).hasSize(1);
    }

    @Test
    void a_429_waits_the_providers_retry_after_when_it_is_longer_than_the_backoff() {
        HttpResponse<String> r = bursar.post("/v1/chat/completions", chat("limited", false, 20), "X-Bursar-Sim-Fault", "429");

        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("retry-after")).as("the advice still reaches the client").hasValue("3");
        // The sim's 429 says retry-after-ms: 2400, above the 200 and 400 ms of the backoff.
        assertThat(waits).containsExactly(Duration.ofMillis(2400), Duration.ofMillis(2400));
        assertThat(rowsOf(bursar, "limited")).extracting(row -> row.path("error_class").asText())
                .containsExactly("rate_limited", "rate_limited", "rate_limited");
    }

    @Test
    void a_request_the_provider_refuses_as_the_clients_fault_is_tried_once() {
        HttpResponse<String> r = bursar.post("/v1/chat/completions", chat("too-long", false, 20000));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(waits).isEmpty();
        assertThat(rowsOf(bursar, "too-long")).hasSize(1);
    }

    @Test
    void a_retry_after_over_max_is_not_waited_the_client_gets_the_429_at_once() {
        List<Duration> ownWaits = new CopyOnWriteArrayList<>();
        try (RunningBursar shortMax = RunningBursar.start("""
                providers:
                  - { name: sim, type: sim }
                resilience:
                  retry: { max-attempts: 3, base: 100ms, max: 1s }
                """, Map.of(), ownWaits::add)) {
            HttpResponse<String> r = shortMax.post("/v1/chat/completions", chat("impatient", false, 20), "X-Bursar-Sim-Fault", "429");

            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.headers().firstValue("retry-after-ms")).hasValue("2400");
            assertThat(ownWaits).isEmpty();
            assertThat(rowsOf(shortMax, "impatient")).hasSize(1);
        }
    }
}
