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
 * The issue's {@code support-bot} through the whole gateway on the sim: the shipped router sends a short creative
 * request to the weak model and a multi-step word problem to the strong one, the answer says which and why, and
 * the ledger books each under {@code support-bot} at the chosen model's price. Two more virtual models pin the
 * threshold at the ends to show it is the threshold that decides.
 */
class LearnedRoutingGatewayTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String EASY = "Write a short poem about autumn leaves.";
    static final String HARD = "Janet has 3 times as many apples as Tom. Together they have 48 apples. After Janet gives"
            + " Tom 6 apples, how many does each have?";
    static RunningBursar bursar;

    @BeforeAll
    static void start() {
        bursar = RunningBursar.start("""
                providers:
                  - { name: sim, type: sim, sim: { ttft-millis: 0, tokens-per-second: 100000, seed: 1 } }
                models:
                  - name: support-bot
                    route: { strategy: learned, strong: gpt-4o, weak: gpt-4o-mini, quality-target: 0.95 }
                  - name: always-strong
                    route: { strategy: learned, strong: gpt-4o, weak: gpt-4o-mini, threshold: 0 }
                  - name: always-weak
                    route: { strategy: learned, strong: gpt-4o, weak: gpt-4o-mini, threshold: 1 }
                """);
    }

    @AfterAll
    static void stop() {
        bursar.close();
    }

    static String chat(String model, String prompt) {
        return """
                {"model":"%s","max_tokens":20,"messages":[{"role":"system","content":"You are a helpful assistant."},
                 {"role":"user","content":"%s"}]}""".formatted(model, prompt);
    }

    static JsonNode rowOf(HttpResponse<String> r) {
        String requestId = r.headers().firstValue("X-Bursar-Request-Id").orElseThrow();
        List<JsonNode> rows = bursar.ledgerRows().stream()
                .filter(row -> requestId.equals(row.path("request_id").asText())).toList();
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    @Test
    void a_simple_request_to_support_bot_is_answered_by_the_weak_model_and_says_so() {
        var r = bursar.post("/v1/chat/completions", chat("support-bot", EASY));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Bursar-Route")).hasValue("learned:weak");
        assertThat(r.headers().firstValue("X-Bursar-Model")).hasValue("gpt-4o-mini");
        JsonNode row = rowOf(r);
        assertThat(row.path("requested_model").asText()).isEqualTo("support-bot");
        assertThat(row.path("served_model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(row.path("routing_reason").asText()).isEqualTo("learned:weak");
    }

    @Test
    void a_multi_step_word_problem_goes_to_the_strong_model() {
        var r = bursar.post("/v1/chat/completions", chat("support-bot", HARD));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Bursar-Route")).hasValue("learned:strong");
        assertThat(rowOf(r).path("served_model").asText()).isEqualTo("gpt-4o");
    }

    @Test
    void the_same_prompt_costs_less_on_the_weak_route_and_each_is_priced_as_the_model_that_answered() {
        var strong = bursar.post("/v1/chat/completions", chat("always-strong", EASY));
        var weak = bursar.post("/v1/chat/completions", chat("always-weak", EASY));

        assertThat(strong.headers().firstValue("X-Bursar-Route")).hasValue("learned:strong");
        assertThat(weak.headers().firstValue("X-Bursar-Route")).hasValue("learned:weak");
        var strongCost = new java.math.BigDecimal(strong.headers().firstValue("X-Bursar-Cost-Usd").orElseThrow());
        var weakCost = new java.math.BigDecimal(weak.headers().firstValue("X-Bursar-Cost-Usd").orElseThrow());
        assertThat(weakCost).isPositive().isLessThan(strongCost);
        assertThat(new java.math.BigDecimal(rowOf(weak).path("cost_usd").asText())).isEqualByComparingTo(weakCost);
    }

    @Test
    void an_anthropic_client_is_routed_on_its_last_user_message_too() {
        var r = bursar.post("/v1/messages", """
                {"model":"support-bot","max_tokens":20,"system":"%s","messages":[{"role":"user","content":"%s"}]}"""
                        .formatted(HARD, EASY), "anthropic-version", "2023-06-01");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Bursar-Route")).as("the system prompt is not what is scored")
                .hasValue("learned:weak");
    }

    @Test
    void a_streamed_request_is_routed_before_the_first_byte() {
        var r = bursar.post("/v1/chat/completions", """
                {"model":"support-bot","stream":true,"messages":[{"role":"user","content":"%s"}]}""".formatted(HARD));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Bursar-Route")).hasValue("learned:strong");
        assertThat(r.body()).contains("data: [DONE]");
    }
}
