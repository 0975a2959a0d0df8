package dev.bursar.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.testing.RunningBursar;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With a circuit breaker: once the failing primary's circuit opens (after min-calls), it is skipped without a row
 * and the fallback answers at once, saying {@code fallback:circuit_open}; when every candidate's circuit is open the
 * client gets 503 provider_unavailable.
 */
class FallbackCircuitGatewayTest {

    static RunningBursar bursar;

    @BeforeAll
    static void start() {
        bursar = RunningBursar.start("""
                providers:
                  - { name: bad, type: sim, sim: { ttft-millis: 0, tokens-per-second: 100000, server-error-rate: 1.0 } }
                  - { name: good, type: sim, sim: { ttft-millis: 0, tokens-per-second: 100000 } }
                models:
                  - { name: gpt-4o, provider: bad, fallbacks: [ { model: gpt-4o, provider: good } ] }
                  - { name: doomed, provider: bad, upstream: gpt-4o, fallbacks: [ { model: gpt-4o-mini, provider: bad } ] }
                resilience:
                  circuit-breaker: { failure-rate: 50, window: 30s, min-calls: 3, open-for: 60s }
                """);
    }

    @AfterAll
    static void stop() {
        bursar.close();
    }

    static HttpResponse<String> chat(String model, String customer, boolean stream) {
        return bursar.post("/v1/chat/completions", """
                {"model":"%s","stream":%s,"max_tokens":20,"metadata":{"customer":"%s"},
                 "messages":[{"role":"user","content":"hi"}]}""".formatted(model, stream, customer));
    }

    static List<JsonNode> rowsOf(String customer) {
        return bursar.ledgerRows().stream().filter(r -> customer.equals(r.path("customer").asText())).toList();
    }

    @Test
    void after_min_calls_the_open_primary_is_skipped_and_the_fallback_answers_with_fallback_circuit_open() {
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = chat("gpt-4o", "warming", false);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("X-Bursar-Route")).hasValue("fallback:upstream_error");
        }
        assertThat(rowsOf("warming")).filteredOn(r -> r.path("provider").asText().equals("bad")).hasSize(3);

        for (boolean stream : new boolean[] {false, true}) {
            HttpResponse<String> r = chat("gpt-4o", "open", stream);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("X-Bursar-Route")).hasValue("fallback:circuit_open");
            assertThat(r.headers().firstValue("X-Bursar-Model")).hasValue("gpt-4o");
        }
        assertThat(rowsOf("open")).as("the open provider was not called, so it has no rows").hasSize(2)
                .allSatisfy(row -> {
                    assertThat(row.path("provider").asText()).isEqualTo("good");
                    assertThat(row.path("routing_reason").asText()).isEqualTo("fallback:circuit_open");
                });

        HttpResponse<String> none = chat("doomed", "doomed", false);
        assertThat(none.statusCode()).as("every candidate's circuit is open").isEqualTo(503);
        assertThat(none.body()).contains("provider_unavailable");
        assertThat(none.headers().firstValue("retry-after")).isPresent();
        assertThat(rowsOf("doomed")).isEmpty();
    }
}
