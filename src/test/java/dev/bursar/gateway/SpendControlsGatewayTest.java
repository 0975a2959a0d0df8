package dev.bursar.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.bursar.alerts.AlertRecord;
import dev.bursar.testing.Await;
import dev.bursar.testing.Golden;
import dev.bursar.testing.RunningBursar;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Budgets, store outages and alerts as a client and a webhook receiver see them, through a running gateway. */
class SpendControlsGatewayTest {

    HttpServer receiver;
    final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        receiver.createContext("/", ex -> {
            received.add(ex.getRequestURI().getPath() + " " + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    String hook(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    static final String CHAT = """
            {"model":"gpt-4o-mini","max_tokens":50,"messages":[{"role":"user","content":"hello"}]}""";

    @Test
    void a_hard_budget_refuses_in_the_clients_wire_once_spent_and_the_threshold_alert_reaches_both_webhooks() throws Exception {
        try (RunningBursar bursar = RunningBursar.start("""
                providers: [ { name: sim, type: sim } ]
                budgets:
                  - { name: acme-day, scope: customer, match: acme, window: day, limit-usd: "0.00005", alert-at: [0.5] }
                alerts:
                  webhooks: [ { url: "%s", format: json }, { url: "%s", format: slack } ]
                """.formatted(hook("/json"), hook("/slack")))) {
            HttpResponse<String> last = null;
            for (int i = 0; i < 20; i++) {
                last = bursar.post("/v1/chat/completions", CHAT, "X-Bursar-Customer", "acme");
                if (last.statusCode() != 200) {
                    break;
                }
            }
            assertThat(last.statusCode()).isEqualTo(429);
            JsonNode err = Golden.JSON.readTree(last.body()).path("error");
            assertThat(err.path("type").asText()).isEqualTo("insufficient_quota");
            assertThat(err.path("code").asText()).isEqualTo("budget_exceeded");
            assertThat(err.path("message").asText()).contains("acme-day").contains("resets at");
            assertThat(last.headers().firstValue("x-should-retry")).hasValue("false");

            HttpResponse<String> anthropic = bursar.post("/v1/messages",
                    "{\"model\":\"claude-3-5-haiku-20241022\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                    "X-Bursar-Customer", "acme");
            assertThat(anthropic.statusCode()).isEqualTo(429);
            assertThat(Golden.JSON.readTree(anthropic.body()).path("type").asText()).isEqualTo("error");

            awaitReceived(2);
            assertThat(received).anyMatch(r -> r.startsWith("/json ") && r.contains("acme-day"));
            assertThat(received).anyMatch(r -> r.startsWith("/slack ") && r.contains("\"text\""));
            String status = bursar.get("/admin/budgets", "Authorization", "Bearer " + RunningBursar.MASTER_KEY).body();
            assertThat(status).contains("acme-day").contains("\"remaining_usd\"");
        }
    }

    @Test
    void an_unreachable_budget_store_fails_closed_or_open_as_configured() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (RunningBursar bursar = RunningBursar.start("""
                redis: "redis://127.0.0.1:%d"
                providers: [ { name: sim, type: sim } ]
                budgets:
                  - { name: strict, scope: customer, match: strict, window: day, limit-usd: "10" }
                  - { name: lenient, scope: customer, match: lenient, window: day, limit-usd: "10", on-store-down: open }
                alerts:
                  webhooks: [ { url: "%s", format: json } ]
                """.formatted(closedPort, hook("/json")))) {
            HttpResponse<String> strict = bursar.post("/v1/chat/completions", CHAT, "X-Bursar-Customer", "strict");
            HttpResponse<String> lenient = bursar.post("/v1/chat/completions", CHAT, "X-Bursar-Customer", "lenient");

            assertThat(strict.statusCode()).isEqualTo(503);
            assertThat(Golden.JSON.readTree(strict.body()).path("error").path("code").asText()).isEqualTo("budget_store_unavailable");
            assertThat(lenient.statusCode()).isEqualTo(200);
            assertThat(bursar.ledgerRows()).as("the answered call is in the ledger").hasSize(1);
            // Both budgets raise an alert; the strict one's may arrive first, so wait for both.
            awaitReceived(2);
            assertThat(received).anyMatch(r -> r.contains("lenient"));
        }
    }

    @Test
    void a_retry_storm_and_a_runaway_loop_each_raise_one_alert() throws Exception {
        try (RunningBursar bursar = RunningBursar.start("""
                providers: [ { name: sim, type: sim } ]
                keys: [ { key: loop-key, customer: loopy }, { key: storm-key, customer: stormy } ]
                alerts:
                  webhooks: [ { url: "%s", format: json } ]
                  rules:
                    - { type: failure-rate, percent: 40, minutes: 10, min-requests: 10 }
                    - { type: runaway-loop, count: 15, minutes: 10 }
                """.formatted(hook("/json")))) {
            String[] topics = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango".split(" ");
            for (String topic : topics) {
                bursar.post("/v1/chat/completions", """
                        {"model":"gpt-4o-mini","max_tokens":20,"messages":[{"role":"user","content":"tell me about %s"}]}""".formatted(topic),
                        "Authorization", "Bearer storm-key", "X-Bursar-Sim-Fault", "500");
            }
            for (int i = 0; i < 20; i++) {
                bursar.post("/v1/chat/completions", """
                        {"model":"gpt-4o-mini","max_tokens":20,"messages":[{"role":"user","content":"step %d: try again"}]}""".formatted(i),
                        "Authorization", "Bearer loop-key");
            }

            List<AlertRecord> first = bursar.bursar().alerts().evaluateNow();
            List<AlertRecord> second = bursar.bursar().alerts().evaluateNow();

            assertThat(first).extracting(AlertRecord::type).containsExactlyInAnyOrder("failure-rate", "runaway-loop");
            assertThat(second).as("one alert per rule and scope until it clears").isEmpty();
            awaitReceived(2);
            assertThat(received).anyMatch(r -> r.contains("failure-rate")).anyMatch(r -> r.contains("runaway-loop"));
            assertThat(bursar.get("/admin/alerts", "Authorization", "Bearer " + RunningBursar.MASTER_KEY).body())
                    .contains("failure-rate").contains("runaway-loop");
        }
    }

    @Test
    void a_rate_limit_answers_429_with_the_headers_openai_clients_read() throws Exception {
        try (RunningBursar bursar = RunningBursar.start("""
                providers: [ { name: sim, type: sim } ]
                keys: [ { key: rl-key, customer: acme } ]
                rate-limits:
                  - { scope: key, match: "*", rpm: 3, tpm: 100000 }
                """)) {
            HttpResponse<String> first = bursar.post("/v1/chat/completions", CHAT, "Authorization", "Bearer rl-key");
            bursar.post("/v1/chat/completions", CHAT, "Authorization", "Bearer rl-key");
            bursar.post("/v1/chat/completions", CHAT, "Authorization", "Bearer rl-key");
            HttpResponse<String> fourth = bursar.post("/v1/chat/completions", CHAT, "Authorization", "Bearer rl-key");

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("x-ratelimit-limit-requests")).hasValue("3");
            assertThat(first.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("2");
            assertThat(first.headers().firstValue("x-ratelimit-limit-tokens")).hasValue("100000");
            assertThat(fourth.statusCode()).isEqualTo(429);
            assertThat(Golden.JSON.readTree(fourth.body()).path("error").path("code").asText()).isEqualTo("rate_limit_exceeded");
            assertThat(Integer.parseInt(fourth.headers().firstValue("retry-after").orElseThrow())).isPositive();
            assertThat(fourth.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
            assertThat(bursar.ledgerRows()).as("a refused call buys nothing and leaves no row").hasSize(3);
        }
    }

    void awaitReceived(int n) {
        Await.until(n + " webhook deliveries", Duration.ofSeconds(15), () -> received.size() >= n);
    }
}
