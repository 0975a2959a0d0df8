package dev.bursar.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.testing.RunningBursar;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A whole call whose client leaves while the provider works is booked as client_cancelled, not ok. */
class ClientGoneGatewayTest {

    static RunningBursar bursar;

    @BeforeAll
    static void start() {
        bursar = RunningBursar.start("""
                providers:
                  - { name: slow-sim, type: sim, sim: { ttft-millis: 400, tokens-per-second: 0, rate-limit-rate: 0, server-error-rate: 0, timeout-rate: 0, cut-stream-rate: 0, seed: 1 } }
                models:
                  - { name: gpt-4o-mini, provider: slow-sim }
                  - { name: claude-3-5-haiku-20241022, provider: slow-sim }
                """);
    }

    @AfterAll
    static void stop() {
        bursar.close();
    }

    static String body(String model, String customer) {
        return """
                {"model":"%s","max_tokens":20,"metadata":{"customer":"%s"},"messages":[{"role":"user","content":"hi"}]}"""
                .formatted(model, customer);
    }

    /** Sends the request on a raw socket and closes it at once, before the sim's first token is due. */
    static void sendAndLeave(String path, String json) throws Exception {
        URI base = URI.create(bursar.baseUrl());
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer any\r\nx-api-key: any\r\nanthropic-version: 2023-06-01\r\n"
                    + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
        }
    }

    static JsonNode awaitRow(String customer) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            List<JsonNode> rows = bursar.ledgerRows().stream().filter(r -> customer.equals(r.path("customer").asText())).toList();
            if (!rows.isEmpty()) {
                return rows.getFirst();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no ledger row for " + customer + " within 15 s");
    }

    @Test
    void an_openai_client_that_leaves_before_the_answer_is_booked_as_client_cancelled() throws Exception {
        sendAndLeave("/v1/chat/completions", body("gpt-4o-mini", "left-openai"));

        JsonNode row = awaitRow("left-openai");
        assertThat(row.path("status").asText()).isEqualTo("client_cancelled");
        assertThat(row.path("http_status").asInt()).isEqualTo(499);
        assertThat(row.path("output_tokens").asLong()).as("the provider's work is still spend").isPositive();
    }

    @Test
    void an_anthropic_client_that_leaves_before_the_answer_is_booked_as_client_cancelled() throws Exception {
        sendAndLeave("/v1/messages", body("claude-3-5-haiku-20241022", "left-anthropic"));

        assertThat(awaitRow("left-anthropic").path("status").asText()).isEqualTo("client_cancelled");
    }

    @Test
    void a_client_that_stays_is_booked_as_ok() throws Exception {
        var r = bursar.post("/v1/chat/completions", body("gpt-4o-mini", "stayed"));

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode row = awaitRow("stayed");
        assertThat(row.path("status").asText()).isEqualTo("ok");
        assertThat(row.path("http_status").asInt()).isEqualTo(200);
    }
}
