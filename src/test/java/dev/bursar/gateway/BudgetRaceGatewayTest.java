package dev.bursar.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.Stores;
import dev.bursar.config.StorageConfig;
import dev.bursar.ledger.Dimension;
import dev.bursar.ledger.Ledger;
import dev.bursar.ledger.SpendQuery;
import dev.bursar.ledger.SpendRow;
import dev.bursar.testing.Golden;
import dev.bursar.testing.ServeProcess;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;

/**
 * The acceptance scenario: 200 concurrent requests from 20 customers against per-customer day budgets that
 * allow only part of them, through two gateway processes sharing PostgreSQL and Redis (and, the same, through one
 * embedded process). No customer's settled spend may pass its limit, and a request may only be refused when the
 * budget truly had no room for its worst case at that moment.
 */
class BudgetRaceGatewayTest {

    static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    /** About three worst-case reservations of the request below (gpt-4o-mini, max_tokens 100 ≈ $0.000063 each). */
    static final BigDecimal LIMIT = new BigDecimal("0.0002");
    static final int CUSTOMERS = 20;
    static final int PER_CUSTOMER = 10;

    static String config(String storage, String redis) {
        return storage + "\n" + redis + """

                providers:
                  - { name: sim, type: sim, sim: { ttft-millis: 150, tokens-per-second: 0, rate-limit-rate: 0, server-error-rate: 0, timeout-rate: 0, cut-stream-rate: 0, seed: 7 } }
                budgets:
                  - { scope: customer, match: "*", window: day, limit-usd: "%s" }
                """.formatted(LIMIT.toPlainString());
    }

    @Test
    void two_gateways_sharing_postgres_and_redis_never_overshoot_a_budget(@TempDir Path dir) throws Exception {
        String schema = "race_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String prefix = "bursar-test-" + schema;
        String yaml = config("storage: { postgres: \"" + PG_URL + "\", postgres-schema: " + schema + " }",
                "redis: { url: \"redis://127.0.0.1:6379\", key-prefix: \"" + prefix + "\" }");
        try (ServeProcess a = ServeProcess.start(dir, "a", yaml, Map.of("BURSAR_MASTER_KEY", "bm-a"));
             ServeProcess b = ServeProcess.start(dir, "b", yaml, Map.of("BURSAR_MASTER_KEY", "bm-b"))) {
            Outcome outcome = race(List.of(a.baseUrl(), b.baseUrl()));
            try (Stores s = Stores.open(new StorageConfig(null, PG_URL, schema))) {
                check(outcome, s.ledger());
            }
        } finally {
            dropSchema(schema);
            deleteKeys(prefix);
        }
    }

    @Test
    void one_embedded_gateway_never_overshoots_a_budget(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("bursar.db");
        try (ServeProcess a = ServeProcess.start(dir, "a", config("storage: { sqlite: \"" + db + "\" }", ""), Map.of("BURSAR_MASTER_KEY", "bm-a"))) {
            Outcome outcome = race(List.of(a.baseUrl()));
            try (Stores s = Stores.open(new StorageConfig(db.toString(), null, null))) {
                check(outcome, s.ledger());
            }
        }
    }

    record Outcome(int ok, List<JsonNode> refusals, List<String> other) { }

    static Outcome race(List<String> gateways) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        CountDownLatch go = new CountDownLatch(1);
        ConcurrentLinkedQueue<HttpResponse<String>> responses = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS * PER_CUSTOMER; i++) {
            String customer = "c%02d".formatted(i % CUSTOMERS);
            String base = gateways.get(i % gateways.size());
            threads.add(Thread.startVirtualThread(() -> {
                try {
                    go.await();
                    HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
                            .header("Content-Type", "application/json").header("X-Bursar-Customer", customer)
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString("""
                                    {"model":"gpt-4o-mini","max_tokens":100,
                                     "messages":[{"role":"user","content":"Summarise the quarterly report in one line."}]}""")).build();
                    responses.add(http.send(req, HttpResponse.BodyHandlers.ofString()));
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        go.countDown();
        for (Thread t : threads) {
            t.join(60_000);
        }
        int ok = 0;
        List<JsonNode> refusals = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (HttpResponse<String> r : responses) {
            if (r.statusCode() == 200) {
                ok++;
            } else if (r.statusCode() == 429) {
                refusals.add(Golden.JSON.readTree(r.body()).path("error"));
            } else {
                other.add(r.statusCode() + " " + r.body());
            }
        }
        http.close();
        assertThat(responses).hasSize(CUSTOMERS * PER_CUSTOMER);
        return new Outcome(ok, refusals, other);
    }

    static void check(Outcome o, Ledger ledger) {
        assertThat(o.other()).as("only answers and budget refusals").isEmpty();
        assertThat(o.ok()).as("some requests fit").isPositive();
        assertThat(o.refusals()).as("the budgets allow only part of the requests").isNotEmpty();
        for (JsonNode err : o.refusals()) {
            assertThat(err.path("code").asText()).isEqualTo("budget_exceeded");
            assertThat(err.path("type").asText()).isEqualTo("insufficient_quota");
            JsonNode d = err.path("details");
            BigDecimal room = new BigDecimal(d.path("limit_usd").asText())
                    .subtract(new BigDecimal(d.path("spent_usd").asText()))
                    .subtract(new BigDecimal(d.path("reserved_usd").asText()));
            assertThat(room).as("refused only without room for the worst case: %s", d)
                    .isLessThan(new BigDecimal(d.path("worst_case_usd").asText()));
        }
        List<SpendRow> rows = ledger.spend(new SpendQuery(List.of(Dimension.CUSTOMER), Instant.now().minusSeconds(86_400),
                Instant.now().plusSeconds(3600)));
        assertThat(rows).hasSize(CUSTOMERS);
        long answered = 0;
        for (SpendRow row : rows) {
            assertThat(row.costUsd()).as("settled spend of %s", row.group()).isLessThanOrEqualTo(LIMIT);
            answered += row.requests();
        }
        assertThat(answered).as("every answered request is in the ledger").isEqualTo(o.ok());
    }

    static void dropSchema(String schema) throws Exception {
        try (Connection c = DriverManager.getConnection(PG_URL); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    static void deleteKeys(String prefix) {
        try (RedisClient redis = RedisClient.create("redis://127.0.0.1:6379")) {
            var keys = redis.keys(prefix + "*");
            if (!keys.isEmpty()) {
                redis.del(keys.toArray(String[]::new));
            }
        }
    }
}
