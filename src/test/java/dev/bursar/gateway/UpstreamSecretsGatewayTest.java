package dev.bursar.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.testing.Golden;
import dev.bursar.testing.RawHttpServer;
import dev.bursar.testing.RunningBursar;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An OpenAI-compatible upstream that echoes Bursar's provider key in its errors (as OpenAI's 401 does): the key
 * reaches neither the client, on either wire, whole or streamed, nor the gateway's log.
 */
class UpstreamSecretsGatewayTest {

    static final String KEY = "sk-test-Q8xW2mZr7TyU4vB1nK9sEchoed";
    static final String KEY_TAIL = "Q8xW2mZr7TyU4vB1nK9sEchoed";
    static final String CHUNK = """
            {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,\
            "delta":{"role":"assistant","content":"Hel"},"finish_reason":null}]}""";

    static RawHttpServer upstream;
    static RunningBursar bursar;

    @BeforeAll
    static void start() {
        upstream = RawHttpServer.start(UpstreamSecretsGatewayTest::echoTheKey);
        bursar = RunningBursar.start("""
                providers:
                  - { name: up, type: openai, base-url: "%s/v1", api-key: "${UP_KEY}" }
                models:
                  - { name: gpt-4o-mini, provider: up }
                  - { name: claude-3-5-haiku-20241022, provider: up }
                """.formatted(upstream.baseUrl()), Map.of("UP_KEY", KEY));
    }

    @AfterAll
    static void stop() {
        bursar.close();
        upstream.close();
    }

    /** 401 echoing the Authorization header for whole calls; a stream that fails mid-way echoing it for streams. */
    static void echoTheKey(RawHttpServer.Conn conn) throws Exception {
        Optional<RawHttpServer.Request> r;
        while ((r = conn.readRequest()).isPresent()) {
            String auth = r.get().header("authorization").orElse("none");
            if (r.get().bodyText().contains("\"stream\":true")) {
                conn.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n");
                conn.write("data: " + CHUNK + "\n\n");
                conn.write("data: {\"error\":{\"message\":\"Session expired for " + auth + "\",\"type\":\"server_error\"}}\n\n");
                conn.close();
                return;
            }
            conn.respond(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + auth + ". You can find your API key at"
                    + " https://platform.openai.com/account/api-keys.\",\"type\":\"invalid_request_error\",\"param\":null,"
                    + "\"code\":\"invalid_api_key\"}}");
        }
    }

    static String body(String model, boolean stream) {
        return """
                {"model":"%s","stream":%s,"max_tokens":20,"messages":[{"role":"user","content":"hi"}]}""".formatted(model, stream);
    }

    @Test
    void an_echoed_key_in_a_401_is_redacted_on_the_openai_wire() throws Exception {
        HttpResponse<String> r = bursar.post("/v1/chat/completions", body("gpt-4o-mini", false));

        assertThat(r.statusCode()).isEqualTo(401);
        JsonNode err = Golden.JSON.readTree(r.body()).path("error");
        assertThat(err.path("message").asText()).contains("Incorrect API key provided: Bearer [redacted]").contains("'up'");
        assertThat(r.body()).doesNotContain(KEY_TAIL);
        assertThat(bursar.startupLog()).doesNotContain(KEY_TAIL);
    }

    @Test
    void an_echoed_key_in_a_401_is_redacted_on_the_anthropic_wire() throws Exception {
        HttpResponse<String> r = bursar.post("/v1/messages", body("claude-3-5-haiku-20241022", false));

        assertThat(r.statusCode()).isEqualTo(401);
        JsonNode root = Golden.JSON.readTree(r.body());
        assertThat(root.path("type").asText()).isEqualTo("error");
        assertThat(root.path("error").path("message").asText()).contains("Bearer [redacted]");
        assertThat(r.body()).doesNotContain(KEY_TAIL);
        assertThat(bursar.startupLog()).doesNotContain(KEY_TAIL);
    }

    @Test
    void an_echoed_key_in_a_mid_stream_error_is_redacted_on_the_openai_wire() {
        HttpResponse<String> r = bursar.post("/v1/chat/completions", body("gpt-4o-mini", true));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Hel").contains("Session expired for Bearer [redacted]");
        assertThat(r.body()).doesNotContain(KEY_TAIL);
        assertThat(bursar.startupLog()).doesNotContain(KEY_TAIL);
    }

    @Test
    void an_echoed_key_in_a_mid_stream_error_is_redacted_on_the_anthropic_wire() {
        HttpResponse<String> r = bursar.post("/v1/messages", body("claude-3-5-haiku-20241022", true));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("event: error").contains("Session expired for Bearer [redacted]");
        assertThat(r.body()).doesNotContain(KEY_TAIL);
        assertThat(bursar.startupLog()).doesNotContain(KEY_TAIL);
    }
}
