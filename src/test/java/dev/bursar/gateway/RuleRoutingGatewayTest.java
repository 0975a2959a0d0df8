package dev.bursar.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bursar.testing.RunningBursar;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A virtual model through the whole gateway on the sim, on both client wires: the client asks for {@code triage},
 * the rules pick the model, the answer says which model answered and why, and the ledger books the request under
 * {@code triage} with the served model and the rule.
 */
class RuleRoutingGatewayTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static RunningBursar bursar;

    @BeforeAll
    static void start() {
        bursar = RunningBursar.start("""
                providers:
                  - { name: sim, type: sim, sim: { ttft-millis: 0, tokens-per-second: 100000, rate-limit-rate: 0, server-error-rate: 0, timeout-rate: 0, cut-stream-rate: 0, seed: 1 } }
                models:
                  - name: triage
                    route:
                      strategy: rules
                      rules:
                        - { when: { feature: summarize, max-input-tokens: 2000 }, model: gpt-4o-mini }
                        - { when: { customer: [acme, globex] }, model: gpt-4o }
                      default: gpt-4o-mini
                """);
    }

    @AfterAll
    static void stop() {
        bursar.close();
    }

    static String openAiChat(String model, String prompt) {
        return """
                {"model":"%s","max_tokens":20,"messages":[{"role":"user","content":"%s"}]}""".formatted(model, prompt);
    }

    static JsonNode rowOf(HttpResponse<String> r) {
        String requestId = r.headers().firstValue("X-Bursar-Request-Id").orElseThrow();
        List<JsonNode> rows = bursar.ledgerRows().stream()
                .filter(row -> requestId.equals(row.path("request_id").asText())).toList();
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    static JsonNode body(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError(r.body(), e);
        }
    }

    @Test
    void an_openai_client_of_acme_is_served_by_rule_2_and_booked_under_triage() {
        var r = bursar.post("/v1/chat/completions", openAiChat("triage", "Hello"), "X-Bursar-Customer", "acme");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Bursar-Model")).hasValue("gpt-4o");
        assertThat(r.headers().firstValue("X-Bursar-Route")).hasValue("rule:2");
        assertThat(body(r).path("choices").get(0).path("message").path("content").asText()).isNotEmpty();
        JsonNode row = rowOf(r);
        assertThat(row.path("requested_model").asText()).isEqualTo("triage");
        assertThat(row.path("served_model").asText()).isEqualTo("gpt-4o");
        assertThat(row.path("upstream_model").asText()).as("the chosen model's name goes upstream").isEqualTo("gpt-4o");
        assertThat(row.path("routing_reason").asText()).isEqualTo("rule:2");
        assertThat(row.path("customer").asText()).isEqualTo("acme");
    }

    @Test
    void a_short_summary_takes_rule_1_and_a_long_one_falls_through_to_the_default() {
        var shortOne = bursar.post("/v1/chat/completions", openAiChat("triage", "Summarize: the cat sat."),
                "X-Bursar-Feature", "summarize");
        var longOne = bursar.post("/v1/chat/completions", openAiChat("triage", "word ".repeat(2500)),
                "X-Bursar-Feature", "summarize");

        assertThat(shortOne.headers().firstValue("X-Bursar-Route")).hasValue("rule:1");
        assertThat(rowOf(shortOne).path("served_model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(longOne.statusCode()).isEqualTo(200);
        assertThat(longOne.headers().firstValue("X-Bursar-Route")).hasValue("rule:default");
        assertThat(rowOf(longOne).path("routing_reason").asText()).isEqualTo("rule:default");
        assertThat(rowOf(longOne).path("input_tokens").asLong()).isGreaterThan(2000);
    }

    @Test
    void an_anthropic_client_routed_to_an_openai_model_gets_an_anthropic_answer() {
        var r = bursar.post("/v1/messages", """
                {"model":"triage","max_tokens":20,"messages":[{"role":"user","content":"Hello"}]}""",
                "anthropic-version", "2023-06-01", "X-Bursar-Customer", "globex");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Bursar-Model")).hasValue("gpt-4o");
        assertThat(r.headers().firstValue("X-Bursar-Route")).hasValue("rule:2");
        JsonNode answer = body(r);
        assertThat(answer.path("type").asText()).isEqualTo("message");
        assertThat(answer.path("role").asText()).isEqualTo("assistant");
        assertThat(answer.path("content").get(0).path("type").asText()).isEqualTo("text");
        assertThat(answer.path("usage").path("output_tokens").asLong()).isPositive();
        JsonNode row = rowOf(r);
        assertThat(row.path("endpoint").asText()).isEqualTo("messages");
        assertThat(row.path("requested_model").asText()).isEqualTo("triage");
        assertThat(row.path("served_model").asText()).isEqualTo("gpt-4o");
        assertThat(row.path("routing_reason").asText()).isEqualTo("rule:2");
    }

    @Test
    void an_anthropic_stream_to_a_routed_model_is_anthropic_events_with_the_route_header() {
        var r = bursar.post("/v1/messages", """
                {"model":"triage","max_tokens":20,"stream":true,"messages":[{"role":"user","content":"Hello"}]}""",
                "anthropic-version", "2023-06-01");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Bursar-Route")).hasValue("rule:default");
        assertThat(r.headers().firstValue("X-Bursar-Model")).hasValue("gpt-4o-mini");
        assertThat(r.body()).contains("event: message_start").contains("event: message_stop");
        JsonNode row = rowOf(r);
        assertThat(row.path("stream").asBoolean()).isTrue();
        assertThat(row.path("requested_model").asText()).isEqualTo("triage");
        assertThat(row.path("served_model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(row.path("routing_reason").asText()).isEqualTo("rule:default");
    }

    @Test
    void a_plain_model_answers_with_route_primary() {
        var r = bursar.post("/v1/chat/completions", openAiChat("gpt-4o-mini", "Hello"), "X-Bursar-Customer", "acme");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Bursar-Route")).hasValue("primary");
        assertThat(rowOf(r).path("requested_model").asText()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void the_model_list_shows_the_virtual_model() {
        var r = bursar.get("/v1/models", "Authorization", "Bearer any");

        assertThat(body(r).path("data").findValuesAsText("id")).contains("triage", "gpt-4o", "gpt-4o-mini");
    }
}
