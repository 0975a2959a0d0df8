package dev.bursar.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.bursar.testing.Golden;
import dev.bursar.testing.RunningBursar;
import java.io.IOException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Whatever a client sends, it gets a 4xx in its own wire that says what to fix, never a 5xx. */
class ClientInputGatewayTest {

    static RunningBursar bursar;

    @BeforeAll
    static void start() {
        bursar = RunningBursar.start("""
                providers: [ { name: sim, type: sim } ]
                keys:
                  - { key: app-key, customer: acme }
                """);
    }

    @AfterAll
    static void stop() {
        bursar.close();
    }

    static String chat(String model) {
        return "{\"model\":" + JsonNodeFactory.instance.textNode(model) + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    static String messages(String model) {
        return "{\"model\":" + JsonNodeFactory.instance.textNode(model) + ",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o\n", "gpt-4o\u0000", "gpt-4o\r\nX-Injected: 1", "\u0007", "\u0085gpt"})
    void a_model_name_with_control_characters_is_a_400_in_each_wire(String model) {
        long before = bursar.ledgerCount();

        HttpResponse<String> openai = bursar.post("/v1/chat/completions", chat(model), "Authorization", "Bearer app-key");
        HttpResponse<String> anthropic = bursar.post("/v1/messages", messages(model), "x-api-key", "app-key");

        assertThat(openai.statusCode()).isEqualTo(400);
        assertThat(json(openai.body()).path("error").path("param").asText()).isEqualTo("model");
        assertThat(json(openai.body()).path("error").path("message").asText()).contains("control characters");
        assertThat(openai.headers().firstValue("X-Bursar-Request-Id")).isPresent();
        assertThat(openai.headers().firstValue("X-Injected")).isEmpty();
        assertThat(anthropic.statusCode()).isEqualTo(400);
        assertThat(json(anthropic.body()).path("type").asText()).isEqualTo("error");
        assertThat(json(anthropic.body()).path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(bursar.ledgerCount()).isEqualTo(before);
    }

    @Test
    void an_unknown_model_is_not_echoed_into_the_model_header() {
        HttpResponse<String> r = bursar.post("/v1/chat/completions", chat("made-up-model"), "Authorization", "Bearer app-key");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("X-Bursar-Model")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"/v1/chat/completions, POST, error", "/v1/embeddings, POST, error", "/v1/messages, POST, type",
            "/chat/completions, POST, error"})
    void a_get_on_a_post_endpoint_is_a_405_in_json_with_allow(String path, String allow, String topField) {
        HttpResponse<String> r = bursar.get(path, "Authorization", "Bearer app-key");

        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue(allow);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(json(r.body()).has(topField)).isTrue();
        assertThat(json(r.body()).toString()).contains(allow);
    }

    @Test
    void a_post_on_the_models_list_is_a_405_with_allow_get() {
        HttpResponse<String> r = bursar.post("/v1/models", "{}", "Authorization", "Bearer app-key");

        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("GET");
        assertThat(json(r.body()).path("error").path("code").asText()).isEqualTo("method_not_allowed");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"model": x}                       | line 1, column 11 | unexpected character
            {"model": "gpt-4o",\\n  "messages" | line 2, column 13 | ends before
            {"model": "a\tb"}                  | line 1, column 13 | control character
            """)
    void malformed_json_is_described_by_line_and_column_without_parser_internals(String body, String where, String why) {
        HttpResponse<String> r = bursar.post("/v1/chat/completions", body.replace("\\n", "\n"), "Authorization", "Bearer app-key");

        assertThat(r.statusCode()).isEqualTo(400);
        String message = json(r.body()).path("error").path("message").asText();
        assertThat(message).contains("not valid JSON").contains(where).contains(why)
                .doesNotContain("code 1").doesNotContain("Source").doesNotContain("REDACTED").doesNotContain("Jackson")
                .doesNotContain("expected a valid value");
    }

    @Test
    void health_without_the_master_key_says_only_that_the_gateway_is_up() {
        HttpResponse<String> anonymous = bursar.get("/health");
        HttpResponse<String> withAppKey = bursar.get("/health", "Authorization", "Bearer app-key");
        HttpResponse<String> admin = bursar.get("/health", "Authorization", "Bearer " + RunningBursar.MASTER_KEY);

        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(json(anonymous.body())).isEqualTo(JsonNodeFactory.instance.objectNode().put("status", "ok"));
        assertThat(json(withAppKey.body())).isEqualTo(JsonNodeFactory.instance.objectNode().put("status", "ok"));
        assertThat(admin.statusCode()).isEqualTo(200);
        JsonNode details = json(admin.body());
        assertThat(details.path("status").asText()).isEqualTo("ok");
        assertThat(details.path("storage").asText()).contains("sqlite");
        assertThat(details.path("version").asText()).isNotBlank();
        assertThat(details.path("uptime_seconds").isIntegralNumber()).isTrue();
    }

    static JsonNode json(String s) {
        try {
            return Golden.JSON.readTree(s);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }
}
