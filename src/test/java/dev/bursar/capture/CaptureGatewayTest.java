package dev.bursar.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.capture.CaptureWriter;
import dev.bursar.storage.Database;
import dev.bursar.testing.Await;
import dev.bursar.testing.Golden;
import dev.bursar.testing.RunningBursar;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Capture as an operator sees it: a gateway on the sim with capture on, and what lands in request_captures. */
class CaptureGatewayTest {

    static final String YAML = """
            providers: [ { name: sim, type: sim, sim: { ttft-millis: 0, tokens-per-second: 100000 } } ]
            models:
              - { name: gpt-4o-mini, provider: sim }
              - { name: claude-3-5-haiku-20241022, provider: sim }
              - { name: text-embedding-3-small, provider: sim }
            capture: { enabled: true, retention: 30d, redact: [emails, numbers] }
            """;

    static List<CapturedRequest> captures(RunningBursar b) {
        List<CapturedRequest> out = new ArrayList<>();
        new CaptureStore(b.bursar().storage().database()).forEach(Instant.EPOCH, Instant.now().plusSeconds(3600), out::add);
        return out;
    }

    static CaptureWriter writer(RunningBursar b) {
        return b.bursar().captures().orElseThrow();
    }

    @Test
    void answered_chat_requests_are_stored_redacted_keyed_by_the_ledgers_request_id() throws Exception {
        try (RunningBursar b = RunningBursar.start(YAML)) {
            HttpResponse<String> openAi = b.post("/v1/chat/completions", """
                    {"model":"gpt-4o-mini","max_tokens":40,"messages":[{"role":"user",
                     "content":"I am jane@example.com, my order 4411 cost 12.50"}]}""");
            HttpResponse<String> anthropic = b.post("/v1/messages", """
                    {"model":"claude-3-5-haiku-20241022","max_tokens":30,"messages":[{"role":"user",
                     "content":"Call me about invoice 77"}]}""", "anthropic-version", "2023-06-01");
            HttpResponse<String> streamed = b.post("/v1/chat/completions", """
                    {"model":"gpt-4o-mini","max_tokens":20,"stream":true,"messages":[{"role":"user","content":"stream 5"}]}""");
            HttpResponse<String> embedding = b.post("/v1/embeddings", "{\"model\":\"text-embedding-3-small\",\"input\":\"a 1\"}");
            HttpResponse<String> unknown = b.post("/v1/chat/completions",
                    "{\"model\":\"no-such-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertThat(List.of(openAi.statusCode(), anthropic.statusCode(), streamed.statusCode(), embedding.statusCode(),
                    unknown.statusCode())).containsExactly(200, 200, 200, 200, 404);

            Await.until("three captures stored", Duration.ofSeconds(10), () -> writer(b).stored() == 3);
            List<CapturedRequest> stored = captures(b);

            assertThat(stored).extracting(CapturedRequest::requestId).containsExactly(
                    openAi.headers().firstValue("X-Bursar-Request-Id").orElseThrow(),
                    anthropic.headers().firstValue("X-Bursar-Request-Id").orElseThrow(),
                    streamed.headers().firstValue("X-Bursar-Request-Id").orElseThrow());
            List<String> ledgerIds = b.ledgerRows().stream().map(r -> r.path("request_id").asText()).toList();
            assertThat(ledgerIds).contains(stored.get(0).requestId(), stored.get(1).requestId(), stored.get(2).requestId());
            assertThat(Golden.JSON.readTree(stored.get(2).body()).path("stream").asBoolean()).isTrue();
            JsonNode first = Golden.JSON.readTree(stored.get(0).body());
            assertThat(first.at("/messages/0/content").asText()).isEqualTo("I am [email], my order [number] cost [number]");
            assertThat(first.path("max_tokens").asInt()).isEqualTo(40);
            assertThat(first.path("model").asText()).isEqualTo("gpt-4o-mini");
            assertThat(stored.get(0).wire()).isEqualTo(dev.bursar.wire.ClientWire.OPENAI);
            assertThat(stored.get(1).wire()).isEqualTo(dev.bursar.wire.ClientWire.ANTHROPIC);
            assertThat(stored.get(1).endpoint()).isEqualTo(dev.bursar.ledger.Endpoint.MESSAGES);
            assertThat(Golden.JSON.readTree(stored.get(1).body()).at("/messages/0/content").asText())
                    .isEqualTo("Call me about invoice [number]");
            assertThat(stored).allSatisfy(c -> assertThat(c.body()).doesNotContain("jane@example.com", "4411", "77"));
            assertThat(writer(b).dropped()).isZero();
            assertThat(b.get("/metrics").body()).contains("bursar_captures_total{outcome=\"stored\"} 3")
                    .contains("bursar_captures_total{outcome=\"dropped\"} 0");
        }
    }

    @Test
    void a_capture_the_database_refuses_never_fails_the_request() {
        try (RunningBursar b = RunningBursar.start(YAML)) {
            Database db = b.bursar().storage().database();
            db.transaction(c -> c.createStatement().execute("DROP TABLE request_captures"));

            HttpResponse<String> r = b.post("/v1/chat/completions",
                    "{\"model\":\"gpt-4o-mini\",\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\"still answered\"}]}");

            assertThat(r.statusCode()).isEqualTo(200);
            Await.until("the refused capture is counted", Duration.ofSeconds(10), () -> writer(b).failed() == 1);
            assertThat(writer(b).stored()).isZero();
            assertThat(b.get("/metrics").body()).contains("bursar_captures_total{outcome=\"failed\"} 1");
            assertThat(b.ledgerCount()).isEqualTo(1);
        }
    }

    @Test
    void without_a_capture_block_nothing_is_captured() {
        try (RunningBursar b = RunningBursar.start(YAML.replace("capture: { enabled: true, retention: 30d, redact: [emails, numbers] }", ""))) {
            assertThat(b.post("/v1/chat/completions",
                    "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").statusCode()).isEqualTo(200);
            assertThat(b.bursar().captures()).isEmpty();
            assertThat(b.get("/metrics").body()).doesNotContain("bursar_captures_total");
            assertThat(new CaptureStore(b.bursar().storage().database()).count()).isZero();
        }
    }
}
