package dev.bursar.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.testing.FakeUpstream;
import dev.bursar.testing.FakeUpstream.Reply;
import dev.bursar.testing.RunningBursar;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An IllegalArgumentException that is not the client's doing is Bursar's failure: a 500 with a request id. */
class InternalFailureGatewayTest {

    FakeUpstream upstream;
    RunningBursar bursar;

    @BeforeEach
    void start() {
        upstream = FakeUpstream.start();
        bursar = RunningBursar.start("""
                providers:
                  - { name: up, type: openai, base-url: "%s/v1", api-key: sk-upstream, timeout: 2s }
                models:
                  - { name: claude-3-5-haiku-20241022, provider: up }
                keys:
                  - { key: app-key, customer: acme }
                """.formatted(upstream.baseUrl()));
    }

    @AfterEach
    void stop() {
        bursar.close();
        upstream.close();
    }

    @Test
    void an_answer_the_bridge_cannot_translate_is_a_500_naming_the_request_not_a_400() {
        // The bridge throws IllegalArgumentException for an OpenAI answer without choices: valid JSON from the
        // client, so blaming the client (400) would send it looking for a mistake it did not make.
        upstream.on("/v1/chat/completions", Reply.json(200, """
                {"id":"c1","object":"chat.completion","model":"m","choices":[],
                 "usage":{"prompt_tokens":3,"completion_tokens":0,"total_tokens":3}}"""));

        HttpResponse<String> r = bursar.post("/v1/messages",
                "{\"model\":\"claude-3-5-haiku-20241022\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "x-api-key", "app-key");

        assertThat(r.statusCode()).isEqualTo(500);
        String requestId = r.headers().firstValue("X-Bursar-Request-Id").orElseThrow();
        JsonNode body = ClientInputGatewayTest.json(r.body());
        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.path("error").path("type").asText()).isEqualTo("api_error");
        assertThat(body.path("error").path("message").asText()).contains(requestId).doesNotContain("choices");
    }
}
