package dev.bursar.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.testing.RawHttpServer;
import dev.bursar.testing.RunningBursar;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Timeouts per phase end to end: an upstream slow in one phase each time, a real gateway and its ledger. Every expiry
 * is a 504 (or, once the stream reached the client, an error event) naming the phase, and one failed attempt booked
 * with what it cost. Timings are only bounded above: the upstream would have taken seconds longer.
 */
class TimeoutsGatewayTest {

    static final String HEAD = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";

    RawHttpServer upstream;
    RunningBursar bursar;
    final List<Socket> backlog = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        if (bursar != null) {
            bursar.close();
        }
        if (upstream != null) {
            upstream.close();
        }
        for (Socket s : backlog) {
            s.close();
        }
    }

    @Test
    void a_provider_that_answers_the_head_late_fails_the_first_token_phase_with_504() {
        upstream = RawHttpServer.start(conn -> {
            conn.readRequest();
            Thread.sleep(5_000);
        });
        start(upstream.baseUrl(), "{ first-token: 300ms }");

        long t0 = System.nanoTime();
        HttpResponse<String> r = bursar.post("/v1/chat/completions", body(false), "Authorization", "Bearer k");

        assertThat(elapsedMs(t0)).isLessThan(3_000);
        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(message(r)).contains("no first token within 300ms");
        JsonNode row = onlyRow();
        assertThat(row.path("status").asText()).isEqualTo("error");
        assertThat(row.path("error_class").asText()).isEqualTo("timeout");
    }

    @Test
    void a_stream_whose_head_comes_but_no_event_fails_the_first_token_phase_before_anything_reached_the_client() {
        upstream = RawHttpServer.start(conn -> {
            conn.readRequest();
            conn.write(HEAD);
            Thread.sleep(5_000);
        });
        start(upstream.baseUrl(), "{ first-token: 400ms, between-events: 5s }");

        long t0 = System.nanoTime();
        HttpResponse<String> r = bursar.post("/v1/chat/completions", body(true), "Authorization", "Bearer k");

        assertThat(elapsedMs(t0)).isLessThan(3_000);
        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(message(r)).contains("no first token within 400ms");
        assertThat(onlyRow().path("error_class").asText()).isEqualTo("timeout");
    }

    @Test
    void a_stream_that_goes_silent_after_some_tokens_fails_between_events_and_its_tokens_are_spend() {
        upstream = RawHttpServer.start(conn -> {
            conn.readRequest();
            conn.write(HEAD);
            conn.chunk(chunk("The capital"));
            conn.chunk(chunk(" of France is"));
            Thread.sleep(5_000);
        });
        start(upstream.baseUrl(), "{ first-token: 5s, between-events: 300ms }");

        long t0 = System.nanoTime();
        HttpResponse<String> r = bursar.post("/v1/chat/completions", body(true), "Authorization", "Bearer k");

        assertThat(elapsedMs(t0)).isLessThan(3_000);
        assertThat(r.statusCode()).as("the stream had begun").isEqualTo(200);
        assertThat(r.body()).contains("The capital").contains("no stream event within 300ms");
        JsonNode row = onlyRow();
        assertThat(row.path("status").asText()).isEqualTo("error");
        assertThat(row.path("error_class").asText()).isEqualTo("timeout");
        assertThat(row.path("output_tokens").asLong()).isPositive();
        assertThat(new BigDecimal(row.path("cost_usd").asText())).isPositive();
    }

    @Test
    void a_stream_that_keeps_talking_past_the_total_is_cut_and_its_tokens_are_spend() {
        upstream = RawHttpServer.start(conn -> {
            conn.readRequest();
            conn.write(HEAD);
            for (int i = 0; i < 100; i++) {
                conn.chunk(chunk(" word"));
                Thread.sleep(100);
            }
        });
        start(upstream.baseUrl(), "{ between-events: 2s, total: 800ms }");

        long t0 = System.nanoTime();
        HttpResponse<String> r = bursar.post("/v1/chat/completions", body(true), "Authorization", "Bearer k");

        long took = elapsedMs(t0);
        assertThat(took).isGreaterThanOrEqualTo(700).isLessThan(4_000);
        assertThat(r.body()).contains("word").contains("stream not complete within the total 800ms");
        JsonNode row = onlyRow();
        assertThat(row.path("error_class").asText()).isEqualTo("timeout");
        assertThat(row.path("output_tokens").asLong()).isPositive();
        assertThat(new BigDecimal(row.path("cost_usd").asText())).isPositive();
    }

    @Test
    void a_provider_that_does_not_accept_the_connection_fails_the_connect_phase() throws IOException {
        // A listening socket whose accept queue is full: the kernel drops further SYNs, so connecting hangs.
        ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        backlog.add(new Socket() {
            @Override
            public synchronized void close() throws IOException {
                super.close();
                full.close();
            }
        });
        fill(full);
        start("http://127.0.0.1:" + full.getLocalPort(), "{ connect: 300ms, first-token: 10s }");

        long t0 = System.nanoTime();
        HttpResponse<String> r = bursar.post("/v1/chat/completions", body(false), "Authorization", "Bearer k");

        assertThat(elapsedMs(t0)).isLessThan(3_000);
        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(message(r)).contains("no connection within 300ms");
        assertThat(onlyRow().path("error_class").asText()).isEqualTo("timeout");
    }

    @Test
    void a_provider_s_own_timeouts_override_the_shared_ones_key_by_key() {
        upstream = RawHttpServer.start(conn -> {
            conn.readRequest();
            Thread.sleep(5_000);
        });
        bursar = RunningBursar.start("""
                resilience:
                  timeouts: { connect: 2s, first-token: 20s, total: 30s }
                providers:
                  - { name: up, type: openai, base-url: "%s/v1", api-key: sk-up, timeouts: { first-token: 250ms } }
                models:
                  - { name: gpt-4o-mini, provider: up }
                """.formatted(upstream.baseUrl()));

        HttpResponse<String> r = bursar.post("/v1/chat/completions", body(false), "Authorization", "Bearer k");

        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(message(r)).contains("no first token within 250ms");
    }

    private void fill(ServerSocket full) throws IOException {
        // Connect until one attempt does not complete at once: the queue is then full.
        for (int i = 0; i < 64; i++) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(full.getInetAddress(), full.getLocalPort()), 200);
                backlog.add(s);
            } catch (IOException timedOut) {
                s.close();
                return;
            }
        }
        throw new IllegalStateException("the accept queue never filled");
    }

    private void start(String baseUrl, String timeouts) {
        bursar = RunningBursar.start("""
                resilience:
                  timeouts: %s
                providers:
                  - { name: up, type: openai, base-url: "%s/v1", api-key: sk-up }
                models:
                  - { name: gpt-4o-mini, provider: up }
                """.formatted(timeouts, baseUrl));
    }

    private JsonNode onlyRow() {
        List<JsonNode> rows = bursar.ledgerRows();
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private static String chunk(String text) {
        return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"},\"finish_reason\":null}]}\n\n";
    }

    private static String body(boolean stream) {
        return """
                {"model":"gpt-4o-mini","messages":[{"role":"user","content":"What is the capital of France?"}],
                 "max_tokens":50,"stream":%s}""".formatted(stream);
    }

    private static String message(HttpResponse<String> r) {
        try {
            return dev.bursar.testing.Golden.JSON.readTree(r.body()).path("error").path("message").asText();
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    private static long elapsedMs(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
