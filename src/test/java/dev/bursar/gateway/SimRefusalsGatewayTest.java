package dev.bursar.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.testing.Golden;
import dev.bursar.testing.RunningBursar;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sim refuses what the imitated provider would, with that provider's status and message, in the client's wire,
 * and nothing is spent on a refused call: spend computed on the sim is spend production could have had.
 */
class SimRefusalsGatewayTest {

    static RunningBursar bursar;

    @BeforeAll
    static void start() {
        bursar = RunningBursar.start("""
                providers:
                  - { name: sim, type: sim, sim: { ttft-millis: 0, tokens-per-second: 100000, rate-limit-rate: 0, server-error-rate: 0, timeout-rate: 0, cut-stream-rate: 0, seed: 1 } }
                """);
    }

    @AfterAll
    static void stop() {
        bursar.close();
    }

    private static String chat(String model, String customer, String maxTokens, String content) {
        return """
                {"model":"%s","max_tokens":%s,"metadata":{"customer":"%s"},"messages":[{"role":"user","content":%s}]}"""
                .formatted(model, maxTokens, customer, content);
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return Golden.JSON.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    /** The refused call left at most a failed attempt that cost nothing. */
    private static void nothingSpentBy(String customer) {
        List<JsonNode> rows = bursar.ledgerRows().stream().filter(r -> customer.equals(r.path("customer").asText())).toList();
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.path("status").asText()).isNotEqualTo("ok");
            assertThat(r.path("cost_usd").asText()).isEqualTo("0");
        });
    }

    @Test
    void max_tokens_above_the_models_output_limit_is_openais_400_on_the_openai_wire() {
        var r = bursar.post("/v1/chat/completions", chat("gpt-4o-mini", "over-max", "20000", "\"Hi\""));

        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode error = json(r).path("error");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("message").asText()).contains("'sim'")
                .contains("max_tokens is too large: 20000. This model supports at most 16384 completion tokens");
        nothingSpentBy("over-max");
    }

    @Test
    void max_completion_tokens_is_checked_too() {
        var r = bursar.post("/v1/chat/completions", """
                {"model":"gpt-3.5-turbo","max_completion_tokens":5000,"messages":[{"role":"user","content":"Hi"}]}""");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("error").path("message").asText())
                .contains("max_completion_tokens is too large: 5000. This model supports at most 4096 completion tokens");
    }

    @Test
    void a_claude_model_refuses_too_many_output_tokens_in_anthropics_words_and_shape() {
        var r = bursar.post("/v1/messages", chat("claude-3-5-sonnet-20241022", "claude-max", "9000", "\"Hi\""),
                "x-api-key", "any", "anthropic-version", "2023-06-01");

        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode body = json(r);
        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(body.path("error").path("message").asText())
                .contains("max_tokens: 9000 > 8192, which is the maximum allowed number of output tokens for claude-3-5-sonnet-20241022");
        nothingSpentBy("claude-max");
    }

    @Test
    void a_prompt_over_the_context_window_is_context_length_exceeded() {
        String longPrompt = "\"" + "word ".repeat(9000) + "\"";

        var r = bursar.post("/v1/chat/completions", chat("gpt-4", "too-long", "10", longPrompt));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("error").path("message").asText())
                .contains("This model's maximum context length is 8192 tokens. However, your messages resulted in 90");
        nothingSpentBy("too-long");
    }

    @Test
    void a_claude_prompt_over_the_context_window_is_prompt_is_too_long_on_the_anthropic_wire() {
        String longPrompt = "\"" + "word ".repeat(201_000) + "\"";

        var r = bursar.post("/v1/messages", chat("claude-3-haiku-20240307", "claude-long", "10", longPrompt),
                "x-api-key", "any", "anthropic-version", "2023-06-01");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("error").path("message").asText()).containsPattern("prompt is too long: \\d+ tokens > 200000 maximum");
        nothingSpentBy("claude-long");
    }

    @Test
    void embeddings_on_a_chat_model_are_refused_as_openai_does() {
        var r = bursar.post("/v1/embeddings", """
                {"model":"gpt-4o-mini","input":"hello","user":"emb-on-chat"}""");

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json(r).path("error").path("message").asText()).contains("You are not allowed to generate embeddings from this model");
    }

    @Test
    void an_embedding_input_over_the_models_window_is_refused() {
        var r = bursar.post("/v1/embeddings", """
                {"model":"text-embedding-3-small","input":["short", "%s"]}""".formatted("word ".repeat(9000)));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("error").path("message").asText()).contains("maximum context length is 8191 tokens");
    }

    @Test
    void chat_on_an_embedding_model_is_openais_404() {
        var r = bursar.post("/v1/chat/completions", chat("text-embedding-3-small", "chat-on-emb", "10", "\"Hi\""));

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(json(r).path("error").path("message").asText()).contains("This is not a chat model");
        nothingSpentBy("chat-on-emb");
    }

    @Test
    void content_that_is_not_a_string_or_parts_is_invalid_type() {
        var r = bursar.post("/v1/chat/completions", chat("gpt-4o-mini", "number-content", "10", "42"));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("error").path("message").asText()).contains(
                "Invalid type for 'messages[0].content': expected one of a string or array of objects, but got an integer instead.");
        nothingSpentBy("number-content");
    }

    @Test
    void a_text_part_whose_text_is_not_a_string_is_refused() {
        var r = bursar.post("/v1/chat/completions",
                chat("gpt-4o-mini", "part-content", "10", "[{\"type\":\"text\",\"text\":{\"a\":1}}]"));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("error").path("message").asText())
                .contains("Invalid type for 'messages[0].content[0].text': expected a string, but got an object instead.");
    }

    @Test
    void calls_within_the_limits_still_answer() {
        var r = bursar.post("/v1/chat/completions", chat("gpt-4o-mini", "within", "16384",
                "[{\"type\":\"text\",\"text\":\"Hi\"}]"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
}
