package dev.bursar.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bursar.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.config.AlertsConfig;
import dev.bursar.config.WebhookConfig;
import dev.bursar.ledger.LedgerStats;
import dev.bursar.storage.Database;
import dev.bursar.storage.TestStorage;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Webhook bodies and retries against a real local receiver (SQLite records the attempts). */
class WebhookDeliveryTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final RetryPolicy FAST = new RetryPolicy(3, List.of(Duration.ofMillis(20), Duration.ofMillis(60)),
            Duration.ofSeconds(2));

    @TempDir
    Path dir;
    TestStorage storage;
    Database db;
    Receiver receiver;
    AlertEngine engine;

    @BeforeEach
    void setUp() throws IOException {
        storage = TestStorage.sqlite(dir);
        db = storage.database();
        receiver = new Receiver();
    }

    @AfterEach
    void tearDown() {
        if (engine != null) {
            engine.close();
        }
        receiver.close();
        db.close();
        storage.close();
    }

    AlertEngine engine(WebhookConfig... hooks) {
        engine = new AlertEngine(db, new LedgerStats(db), new AlertsConfig(List.of(hooks), List.of(), null), List.of(),
                new MutableClock(LedgerScript.NOW), FAST);
        return engine;
    }

    AlertRecord raiseBudgetAlert() {
        engine.budgetThreshold("acme-monthly", "acme", "month", new BigDecimal("0.8"), new BigDecimal("80.000000000001"),
                new BigDecimal("100"));
        assertThat(engine.flush(WAIT)).isTrue();
        return engine.recent(1).getFirst();
    }

    @Test
    void json_webhook_gets_the_documented_body_with_exact_decimal_strings_and_configured_headers() {
        engine(new WebhookConfig(receiver.url("/json"), "json", Map.of("Authorization", "Bearer s3cret")));

        AlertRecord alert = raiseBudgetAlert();

        Receiver.Received got = receiver.received("/json").getFirst();
        JsonNode b = got.body();
        assertThat(got.authorization()).isEqualTo("Bearer s3cret");
        assertThat(b.path("event").asText()).isEqualTo("fired");
        assertThat(b.path("alert_id").asText()).isEqualTo(alert.id());
        assertThat(b.path("rule").asText()).isEqualTo("budget acme-monthly");
        assertThat(b.path("type").asText()).isEqualTo("budget-threshold");
        assertThat(b.path("severity").asText()).isEqualTo("warning");
        assertThat(b.path("scope").asText()).isEqualTo("budget");
        assertThat(b.path("scope_value").asText()).isEqualTo("acme");
        assertThat(b.path("window").asText()).isEqualTo("month 2026-03 at 80%");
        assertThat(b.path("value").isTextual()).isTrue();
        assertThat(b.path("value").asText()).isEqualTo("80.000000000001");
        assertThat(b.path("numbers").path("limit_usd").asText()).isEqualTo("100");
        assertThat(b.path("fired_at").asText()).isEqualTo("2026-03-10T12:30:00Z");
        assertThat(b.path("message").asText()).contains("80%", "$80.00 spent of $100.00");
    }

    @Test
    void slack_webhook_gets_text_and_blocks() {
        engine(new WebhookConfig(receiver.url("/slack"), "slack", null),
                new WebhookConfig(receiver.url("/json"), "json", null));

        raiseBudgetAlert();

        JsonNode slack = receiver.received("/slack").getFirst().body();
        assertThat(slack.path("text").asText()).startsWith("[WARNING] budget acme-monthly (budget-threshold): Budget");
        assertThat(slack.path("blocks")).isNotEmpty();
        assertThat(slack.path("blocks").get(0).path("type").asText()).isEqualTo("header");
        assertThat(slack.path("blocks").toString()).contains("limit_usd: 100");
        assertThat(receiver.received("/json")).hasSize(1);
    }

    @Test
    void a_500_is_retried_and_the_second_attempt_succeeds_with_every_attempt_recorded() {
        engine(new WebhookConfig(receiver.url("/json"), "json", null));
        receiver.answer(500);

        AlertRecord alert = raiseBudgetAlert();

        assertThat(receiver.received()).hasSize(2);
        assertThat(engine.deliveries(alert.id()))
                .extracting(DeliveryAttempt::attempt, DeliveryAttempt::httpStatus, DeliveryAttempt::delivered)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 500, false),
                        org.assertj.core.groups.Tuple.tuple(2, 200, true));
    }

    @Test
    void a_receiver_that_keeps_failing_gets_three_attempts_then_delivery_gives_up() {
        engine(new WebhookConfig(receiver.url("/json"), "json", null));
        receiver.answer(503, 502, 500, 500);

        AlertRecord alert = raiseBudgetAlert();

        assertThat(receiver.received()).hasSize(3);
        assertThat(engine.deliveries(alert.id())).extracting(DeliveryAttempt::delivered).containsExactly(false, false, false);
    }

    @Test
    void a_400_is_not_retried() {
        engine(new WebhookConfig(receiver.url("/json"), "json", null));
        receiver.answer(400);

        AlertRecord alert = raiseBudgetAlert();

        assertThat(receiver.received()).hasSize(1);
        assertThat(engine.deliveries(alert.id())).singleElement()
                .satisfies(d -> assertThat(d.error()).isEqualTo("receiver answered HTTP 400"));
    }

    @Test
    void a_refused_connection_is_retried_and_recorded_without_the_url_path() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        engine(new WebhookConfig("http://127.0.0.1:" + closedPort + "/services/T000/B000/secret", "slack", null));

        AlertRecord alert = raiseBudgetAlert();

        assertThat(engine.deliveries(alert.id())).hasSize(3).allSatisfy(d -> {
            assertThat(d.httpStatus()).isZero();
            assertThat(d.error()).startsWith("no response");
            assertThat(d.webhook()).isEqualTo("#0 http://127.0.0.1:" + closedPort);
        });
    }
}
