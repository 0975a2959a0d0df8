package dev.bursar.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.ledger.Dimension;
import dev.bursar.ledger.SpendQuery;
import dev.bursar.ledger.SpendRow;
import dev.bursar.testing.RunningBursar;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fallbacks on the sim with fault injection: provider {@code bad} answers every call with 500, {@code cutter} cuts
 * every stream after its first chunks, {@code good} always answers. Every attempt is a ledger row naming its provider,
 * served model and routing reason, so what the failing provider wasted is a query by provider.
 */
class FallbackGatewayTest {

    static final String FAST = "ttft-millis: 0, tokens-per-second: 100000";
    static RunningBursar bursar;

    @BeforeAll
    static void start() {
        bursar = RunningBursar.start("""
                providers:
                  - { name: bad, type: sim, sim: { %1$s, server-error-rate: 1.0 } }
                  - { name: cutter, type: sim, sim: { %1$s, cut-stream-rate: 1.0 } }
                  - { name: good, type: sim, sim: { %1$s } }
                models:
                  - { name: gpt-4o, provider: bad, fallbacks: [ { model: gpt-4o, provider: good } ] }
                  - { name: chain, provider: bad, upstream: gpt-4o-mini, fallbacks: [ { model: gpt-4o }, { model: claude-3-5-haiku-20241022, provider: good } ] }
                  - { name: cut-once, provider: cutter, upstream: gpt-4o-mini, fallbacks: [ { model: gpt-4o-mini, provider: good } ] }
                  - name: triage
                    route: { strategy: rules, rules: [ { when: { customer: rules }, model: gpt-4o } ], default: chain }
                resilience:
                  retry: { max-attempts: 2, backoff: exponential, base: 1ms, max: 1ms, jitter: none }
                """.formatted(FAST), Map.of(), wait -> { });
    }

    @AfterAll
    static void stop() {
        bursar.close();
    }

    static String chat(String model, String customer, boolean stream) {
        return """
                {"model":"%s","stream":%s,"max_tokens":20,"metadata":{"customer":"%s"},
                 "messages":[{"role":"user","content":"hi"}]}""".formatted(model, stream, customer);
    }

    static List<JsonNode> rowsOf(String customer) {
        return bursar.ledgerRows().stream().filter(r -> customer.equals(r.path("customer").asText())).toList();
    }

    static String header(HttpResponse<String> r, String name) {
        return r.headers().firstValue(name).orElse("");
    }

    @Test
    void a_500_storm_on_the_primary_is_served_by_the_fallback_and_every_failed_attempt_is_booked() {
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = bursar.post("/v1/chat/completions", chat("gpt-4o", "storm", i % 2 == 1));
            assertThat(r.statusCode()).as("the client sees only 200s").isEqualTo(200);
            assertThat(header(r, "X-Bursar-Model")).isEqualTo("gpt-4o");
            assertThat(header(r, "X-Bursar-Route")).isEqualTo("fallback:upstream_error");
        }

        List<JsonNode> rows = rowsOf("storm");
        assertThat(rows).hasSize(15);
        List<JsonNode> failed = rows.stream().filter(r -> r.path("provider").asText().equals("bad")).toList();
        assertThat(failed).as("two attempts (the retry policy's) on the primary per request").hasSize(10).allSatisfy(r -> {
            assertThat(r.path("status").asText()).isEqualTo("error");
            assertThat(r.path("error_class").asText()).isEqualTo("upstream_error");
            assertThat(r.path("routing_reason").asText()).isEqualTo("configured");
            assertThat(r.path("served_model").asText()).isEqualTo("gpt-4o");
            assertThat(r.has("cost_usd")).isTrue();
        });
        assertThat(rows.stream().filter(r -> r.path("provider").asText().equals("good")).toList()).hasSize(5).allSatisfy(r -> {
            assertThat(r.path("status").asText()).isEqualTo("ok");
            assertThat(r.path("routing_reason").asText()).isEqualTo("fallback:upstream_error");
            assertThat(r.path("requested_model").asText()).isEqualTo("gpt-4o");
            assertThat(r.path("attempt").asInt()).isEqualTo(3);
        });

        // What `bursar report --group-by provider` shows: the failing provider's attempts, all failed.
        Map<String, SpendRow> byProvider = bursar.bursar().storage().ledger()
                .spend(new SpendQuery(List.of(Dimension.PROVIDER), Instant.now().minusSeconds(3600), Instant.now().plusSeconds(3600)))
                .stream().collect(Collectors.toMap(s -> s.group().get(0), s -> s));
        assertThat(byProvider.get("bad").failedAttempts()).isGreaterThanOrEqualTo(10);
        assertThat(byProvider.get("bad").failedAttempts()).isEqualTo(byProvider.get("bad").attempts());
        assertThat(byProvider.get("good").failedAttempts()).isZero();

        // `bursar report --group-by provider,status`: the failing provider's waste in rows of its own.
        Map<String, SpendRow> byProviderStatus = bursar.bursar().storage().ledger()
                .spend(new SpendQuery(List.of(Dimension.PROVIDER, Dimension.STATUS), Instant.now().minusSeconds(3600),
                        Instant.now().plusSeconds(3600)))
                .stream().collect(Collectors.toMap(s -> s.group().get(0) + "/" + s.group().get(1), s -> s));
        assertThat(byProviderStatus).containsOnlyKeys("bad/error", "good/ok");
        assertThat(byProviderStatus.get("bad/error").attempts()).isEqualTo(byProvider.get("bad").attempts());
        assertThat(byProviderStatus.get("bad/error").requests()).isZero();
        assertThat(byProviderStatus.get("good/ok").requests()).isEqualTo(byProvider.get("good").requests());
    }

    @Test
    void candidates_are_walked_in_order_each_with_its_own_provider_price_and_reason() {
        HttpResponse<String> r = bursar.post("/v1/messages", chat("chain", "chain", false), "anthropic-version", "2023-06-01");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"type\":\"message\"");
        assertThat(header(r, "X-Bursar-Model")).isEqualTo("claude-3-5-haiku-20241022");
        assertThat(header(r, "X-Bursar-Route")).isEqualTo("fallback:upstream_error");
        assertThat(rowsOf("chain")).extracting(row -> row.path("provider").asText() + " " + row.path("served_model").asText()
                        + " " + row.path("routing_reason").asText() + " " + row.path("status").asText())
                .containsExactly(
                        "bad gpt-4o-mini configured error", "bad gpt-4o-mini configured error",
                        "bad gpt-4o fallback:upstream_error error", "bad gpt-4o fallback:upstream_error error",
                        "good claude-3-5-haiku-20241022 fallback:upstream_error ok");
        assertThat(rowsOf("chain")).extracting(row -> row.path("requested_model").asText()).containsOnly("chain");
    }

    @Test
    void a_rule_routed_model_brings_its_own_fallbacks_and_keeps_its_rule_on_the_primary() {
        HttpResponse<String> r = bursar.post("/v1/chat/completions", chat("triage", "rules", false));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(header(r, "X-Bursar-Route")).isEqualTo("fallback:upstream_error");
        assertThat(rowsOf("rules")).extracting(row -> row.path("provider").asText() + " " + row.path("routing_reason").asText())
                .containsExactly("bad rule:1", "bad rule:1", "good fallback:upstream_error");
        assertThat(rowsOf("rules")).extracting(row -> row.path("requested_model").asText()).containsOnly("triage");
    }

    @Test
    void a_400_the_client_caused_is_neither_retried_nor_sent_to_a_fallback() {
        HttpResponse<String> r = bursar.post("/v1/chat/completions", chat("gpt-4o", "bad-request", false),
                "X-Bursar-Sim-Fault", "no-such-fault");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(rowsOf("bad-request")).hasSize(1).allSatisfy(row -> {
            assertThat(row.path("provider").asText()).isEqualTo("bad");
            assertThat(row.path("error_class").asText()).isEqualTo("bad_request");
        });
    }

    @Test
    void a_stream_cut_after_its_first_byte_reached_the_client_is_not_replayed() {
        HttpResponse<String> r = bursar.post("/v1/chat/completions", chat("cut-once", "cut", true));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"error\"");
        assertThat(header(r, "X-Bursar-Route")).isEqualTo("primary");
        assertThat(rowsOf("cut")).as("no retry, no fallback: the client already had part of an answer").hasSize(1)
                .allSatisfy(row -> {
                    assertThat(row.path("provider").asText()).isEqualTo("cutter");
                    assertThat(row.path("status").asText()).isEqualTo("error");
                    assertThat(new java.math.BigDecimal(row.path("cost_usd").asText())).as("the tokens it streamed are spend").isPositive();
                });
    }
}
