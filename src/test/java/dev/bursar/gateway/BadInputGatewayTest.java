package dev.bursar.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.testing.Golden;
import dev.bursar.testing.RunningBursar;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rejection answers in the client's own wire, says what to fix, and leaves the ledger untouched. */
class BadInputGatewayTest {

    static RunningBursar bursar;

    @BeforeAll
    static void start() {
        bursar = RunningBursar.start("""
                server: { max-body-bytes: 2000 }
                providers: [ { name: sim, type: sim } ]
                keys:
                  - { key: app-key, customer: acme }
                """);
    }

    @AfterAll
    static void stop() {
        bursar.close();
    }

    static final String OK_CHAT = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    static final String OK_MESSAGES = "{\"model\":\"claude-3-5-haiku-20241022\",\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed JSON        | {"model": "gpt-4o-mini", "messages": [         | 400 | invalid_json      | not valid JSON
            not an object         | [1,2,3]                                        | 400 | invalid_json      | JSON object
            missing model         | {"messages":[{"role":"user","content":"hi"}]}  | 400 | missing_model     | has no 'model'
            unknown model         | {"model":"gpt-4o-minii","messages":[{"role":"user","content":"hi"}]} | 404 | model_not_found | gpt-4o-mini
            no messages           | {"model":"gpt-4o-mini","messages":[]}          | 400 | missing_messages  | non-empty array
            bad max_tokens        | {"model":"gpt-4o-mini","max_tokens":-5,"messages":[{"role":"user","content":"hi"}]} | 400 | invalid_value | positive integer
            """)
    void bad_openai_requests_get_openai_errors_and_change_nothing(String name, String body, int status, String code, String says) {
        long before = bursar.ledgerCount();

        HttpResponse<String> r = bursar.post("/v1/chat/completions", body, "Authorization", "Bearer app-key");

        assertThat(r.statusCode()).isEqualTo(status);
        JsonNode err = json(r.body()).path("error");
        assertThat(err.path("code").asText()).isEqualTo(code);
        assertThat(err.path("type").asText()).isNotBlank();
        assertThat(err.path("message").asText()).contains(says);
        assertThat(err.has("param")).isTrue();
        assertThat(bursar.ledgerCount()).isEqualTo(before);
    }

    @Test
    void bad_anthropic_requests_get_anthropic_errors() {
        HttpResponse<String> r = bursar.post("/v1/messages", "{\"model\": ", "x-api-key", "app-key");

        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode body = json(r.body());
        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(body.path("error").path("message").asText()).contains("not valid JSON");
    }

    @Test
    void anthropic_requests_without_max_tokens_are_refused_as_anthropic_would() {
        HttpResponse<String> r = bursar.post("/v1/messages",
                "{\"model\":\"claude-3-5-haiku-20241022\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "x-api-key", "app-key");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r.body()).path("error").path("message").asText()).contains("max_tokens");
    }

    @Test
    void a_body_over_the_limit_is_refused_with_413_in_the_clients_wire() {
        String huge = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(5000) + "\"}]}";
        long before = bursar.ledgerCount();

        HttpResponse<String> openai = bursar.post("/v1/chat/completions", huge, "Authorization", "Bearer app-key");
        HttpResponse<String> anthropic = bursar.post("/v1/messages", huge, "x-api-key", "app-key");

        assertThat(openai.statusCode()).isEqualTo(413);
        assertThat(json(openai.body()).path("error").path("message").asText()).contains("2000 bytes").contains("max-body-bytes");
        assertThat(anthropic.statusCode()).isEqualTo(413);
        assertThat(json(anthropic.body()).path("error").path("type").asText()).isEqualTo("request_too_large");
        assertThat(bursar.ledgerCount()).isEqualTo(before);
    }

    @Test
    void missing_and_unknown_keys_are_refused_in_the_clients_wire() {
        HttpResponse<String> none = bursar.post("/v1/chat/completions", OK_CHAT);
        HttpResponse<String> unknown = bursar.post("/v1/chat/completions", OK_CHAT, "Authorization", "Bearer nope-123456");
        HttpResponse<String> anthropic = bursar.post("/v1/messages", OK_MESSAGES, "x-api-key", "nope-123456");

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(json(none.body()).path("error").path("code").asText()).isEqualTo("missing_api_key");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(json(unknown.body()).path("error").path("code").asText()).isEqualTo("invalid_api_key");
        assertThat(anthropic.statusCode()).isEqualTo(401);
        assertThat(json(anthropic.body()).path("error").path("type").asText()).isEqualTo("authentication_error");
    }

    @Test
    void admin_calls_need_the_master_key() {
        HttpResponse<String> r = bursar.get("/admin/keys", "Authorization", "Bearer app-key");

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(json(r.body()).path("error").path("code").asText()).isEqualTo("invalid_master_key");
    }

    @Test
    void a_key_created_through_the_admin_api_works_until_it_is_revoked() {
        String auth = "Bearer " + RunningBursar.MASTER_KEY;
        HttpResponse<String> created = bursar.post("/admin/keys", "{\"customer\":\"globex\",\"feature\":\"search\"}", "Authorization", auth);
        assertThat(created.statusCode()).isEqualTo(201);
        String secret = json(created.body()).path("key").asText();
        String id = json(created.body()).path("id").asText();
        assertThat(secret).startsWith("bk-");

        assertThat(bursar.post("/v1/chat/completions", OK_CHAT, "Authorization", "Bearer " + secret).statusCode()).isEqualTo(200);
        assertThat(bursar.get("/admin/keys", "Authorization", auth).body()).contains(id).doesNotContain(secret);
        assertThat(bursar.delete("/admin/keys/" + id, "Authorization", auth).statusCode()).isEqualTo(200);

        HttpResponse<String> after = bursar.post("/v1/chat/completions", OK_CHAT, "Authorization", "Bearer " + secret);
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(json(after.body()).path("error").path("code").asText()).isEqualTo("revoked_api_key");
    }

    static JsonNode json(String s) {
        try {
            return Golden.JSON.readTree(s);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }
}
