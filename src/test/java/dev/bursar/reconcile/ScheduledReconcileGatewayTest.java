package dev.bursar.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.bursar.ledger.Dimension;
import dev.bursar.ledger.SpendQuery;
import dev.bursar.ledger.SpendRow;
import dev.bursar.testing.Await;
import dev.bursar.testing.RunningBursar;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real gateway with {@code reconcile:} admin keys pointing at in-process fakes of OpenAI's and Anthropic's Admin
 * APIs: traffic goes through it into the ledger, the fakes report the same numbers (no alert) or a day of traffic that
 * bypassed the gateway ({@code reconcile-drift} delivered to the webhook and kept in the alert history), and
 * {@code GET /admin/reconcile} shows the stored comparison.
 */
class ScheduledReconcileGatewayTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String AUTH = "Bearer " + RunningBursar.MASTER_KEY;

    FakeAdminApi openai;
    FakeAdminApi anthropic;
    HttpServer webhook;
    final List<JsonNode> delivered = new CopyOnWriteArrayList<>();
    RunningBursar bursar;
    final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    @BeforeEach
    void start() throws Exception {
        openai = FakeAdminApi.openAi("sk-admin-o");
        anthropic = FakeAdminApi.anthropic("sk-admin-a");
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hook", ex -> {
            delivered.add(JSON.readTree(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        webhook.start();
        bursar = RunningBursar.start("""
                providers:
                  - { name: sim, type: sim, sim: { ttft-millis: 0, tokens-per-second: 100000, rate-limit-rate: 0, server-error-rate: 0, timeout-rate: 0, cut-stream-rate: 0, seed: 5 } }
                reconcile:
                  openai: { admin-key: "${OPENAI_ADMIN_KEY}", base-url: "%s" }
                  anthropic: { admin-key: "${ANTHROPIC_ADMIN_KEY}", base-url: "%s" }
                  every: 1d
                alerts:
                  webhooks: [ { url: "http://127.0.0.1:%d/hook" } ]
                  rules:
                    - { name: provider-drift, type: reconcile-drift, percent: 5, min-usd: 1 }
                """.formatted(openai.baseUrl(), anthropic.baseUrl(), webhook.getAddress().getPort()),
                Map.of("OPENAI_ADMIN_KEY", "sk-admin-o", "ANTHROPIC_ADMIN_KEY", "sk-admin-a"));
    }

    @AfterEach
    void stop() {
        bursar.close();
        webhook.stop(0);
        openai.close();
        anthropic.close();
    }

    /** Six calls through the gateway; the ledger's numbers for today, per model. */
    Map<String, SpendRow> traffic() {
        for (int i = 0; i < 6; i++) {
            var call = bursar.post("/v1/chat/completions", """
                    {"model":"%s","max_tokens":40,"messages":[{"role":"user","content":"Tell me about %d"}]}"""
                    .formatted(i % 2 == 0 ? "gpt-4o-mini" : "gpt-4.1-mini", i));
            assertThat(call.statusCode()).isEqualTo(200);
        }
        Await.until("six ledger rows", Duration.ofSeconds(10), () -> bursar.ledgerCount() == 6);
        Instant from = today.atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, SpendRow> byModel = new LinkedHashMap<>();
        for (SpendRow r : bursar.bursar().storage().ledger().spend(new SpendQuery(List.of(Dimension.MODEL), from,
                from.plus(Duration.ofDays(1))))) {
            byModel.put(r.group().getFirst(), r);
        }
        assertThat(byModel).containsOnlyKeys("gpt-4o-mini", "gpt-4.1-mini");
        return byModel;
    }

    /** The fake OpenAI reports {@code ledger}'s numbers for today, plus {@code bypass} (model, input $, output $). */
    void openAiReports(Map<String, SpendRow> ledger, Map<String, BigDecimal[]> bypass) {
        Map<String, BigDecimal[]> costs = new LinkedHashMap<>();
        Map<String, long[]> tokens = new LinkedHashMap<>();
        ledger.forEach((model, r) -> {
            costs.put(model, new BigDecimal[] {r.costUsd(), BigDecimal.ZERO});
            tokens.put(model, new long[] {r.tokens().inputTokens(), r.tokens().cachedInputTokens(), r.tokens().outputTokens()});
        });
        bypass.forEach((model, usd) -> {
            costs.put(model, usd);
            tokens.put(model, new long[] {2_000_000, 0, 0});
        });
        openai.serve(FakeAdminApi.OPENAI_COSTS, FakeAdminApi.openAiCosts(today, costs));
        openai.serve(FakeAdminApi.OPENAI_USAGE, FakeAdminApi.openAiUsage(today, tokens));
    }

    JsonNode stored() throws Exception {
        HttpResponse<String> res = bursar.get("/admin/reconcile?from=" + today + "&to=" + today, "Authorization", AUTH);
        assertThat(res.statusCode()).isEqualTo(200);
        return JSON.readTree(res.body());
    }

    static JsonNode report(JsonNode stored, String source) {
        for (JsonNode r : stored.get("reports")) {
            if (r.get("source").asText().equals(source)) {
                return r;
            }
        }
        throw new AssertionError("no " + source + " report in " + stored);
    }

    List<JsonNode> driftAlerts() throws Exception {
        JsonNode alerts = JSON.readTree(bursar.get("/admin/alerts", "Authorization", AUTH).body()).get("alerts");
        List<JsonNode> out = new java.util.ArrayList<>();
        alerts.forEach(a -> {
            if (a.get("type").asText().equals("reconcile-drift")) {
                out.add(a);
            }
        });
        return out;
    }

    ScheduledReconciler reconciler() {
        return bursar.bursar().reconciler().orElseThrow();
    }

    @Test
    void matchingProviderNumbersAreStoredBesideTheLedgerAndRaiseNoAlert() throws Exception {
        openAiReports(traffic(), Map.of());

        List<ScheduledReconciler.Outcome> outcomes = reconciler().pull(today, true);
        bursar.bursar().alerts().flush(Duration.ofSeconds(10));

        assertThat(outcomes).hasSize(2).allMatch(ScheduledReconciler.Outcome::ok);
        JsonNode stored = stored();
        JsonNode costs = report(stored, "openai-costs");
        assertThat(costs.get("rows")).hasSize(2).allSatisfy(r -> assertThat(r.get("verdict").asText()).isEqualTo("ok"));
        assertThat(report(stored, "openai-usage").get("rows"))
                .allSatisfy(r -> assertThat(r.get("verdict").asText()).isEqualTo("ok"));
        assertThat(stored.get("beyond_tolerance").asLong()).isZero();
        assertThat(driftAlerts()).isEmpty();
        assertThat(delivered).noneMatch(d -> d.path("type").asText().equals("reconcile-drift"));
        // the admin keys went as each provider expects
        assertThat(openai.requests).isNotEmpty().allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer sk-admin-o"));
        assertThat(anthropic.requests).isNotEmpty().allSatisfy(r -> {
            assertThat(r.apiKey()).isEqualTo("sk-admin-a");
            assertThat(r.version()).isEqualTo("2023-06-01");
        });
    }

    @Test
    void aDayOfBypassTrafficFiresReconcileDriftToTheWebhookAndTheAlertHistory() throws Exception {
        Map<String, SpendRow> ledger = traffic();
        BigDecimal ledgerTotal = ledger.values().stream().map(SpendRow::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
        openAiReports(ledger, Map.of("gpt-4o", new BigDecimal[] {new BigDecimal("5.00"), new BigDecimal("2.50")}));

        reconciler().pull(today, true);
        bursar.bursar().alerts().flush(Duration.ofSeconds(10));

        List<JsonNode> alerts = driftAlerts();
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.get("rule").asText()).isEqualTo("provider-drift");
            assertThat(a.get("scope_value").asText()).isEqualTo("openai");
            assertThat(a.get("window").asText()).isEqualTo("day " + today);
            assertThat(new BigDecimal(a.get("numbers").get("difference_usd").asText())).isEqualByComparingTo("7.5");
            assertThat(new BigDecimal(a.get("numbers").get("ledger_usd").asText())).isEqualByComparingTo(ledgerTotal);
            assertThat(a.get("message").asText()).contains("bypassed the gateway", "gpt-4o");
        });
        Await.until("the webhook got the alert", Duration.ofSeconds(10),
                () -> delivered.stream().anyMatch(d -> d.path("type").asText().equals("reconcile-drift")));
        JsonNode sent = delivered.stream().filter(d -> d.path("type").asText().equals("reconcile-drift")).findFirst()
                .orElseThrow();
        assertThat(sent.get("event").asText()).isEqualTo("fired");
        JsonNode bypassRow = null;
        for (JsonNode r : report(stored(), "openai-costs").get("rows")) {
            if (r.get("model").asText().equals("gpt-4o")) {
                bypassRow = r;
            }
        }
        assertThat(bypassRow).isNotNull();
        assertThat(bypassRow.get("verdict").asText()).isEqualTo("missing-in-ledger");
        assertThat(new BigDecimal(bypassRow.get("reported").get("cost_usd").asText())).isEqualByComparingTo("7.5");

        // the same day pulled again: replaced, not added; the alert stays the one alert
        reconciler().pull(today, true);
        bursar.bursar().alerts().flush(Duration.ofSeconds(10));
        for (JsonNode r : report(stored(), "openai-costs").get("rows")) {
            if (r.get("model").asText().equals("gpt-4o")) {
                assertThat(new BigDecimal(r.get("reported").get("cost_usd").asText())).isEqualByComparingTo("7.5");
            }
        }
        assertThat(driftAlerts()).hasSize(1);

        // the provider corrects its report: pulled again, the numbers agree and the alert resolves
        openAiReports(ledger, Map.of());
        reconciler().pull(today, true);
        bursar.bursar().alerts().flush(Duration.ofSeconds(10));
        assertThat(driftAlerts()).singleElement().satisfies(a -> assertThat(a.get("resolved_at").isNull()).isFalse());
        Await.until("the webhook got the resolution", Duration.ofSeconds(10),
                () -> delivered.stream().anyMatch(d -> d.path("type").asText().equals("reconcile-drift")
                        && d.path("event").asText().equals("resolved")));
    }

    @Test
    void aFailingProviderIsRecordedAndNeverAffectsRequests() throws Exception {
        openai.failWith(500);

        List<ScheduledReconciler.Outcome> outcomes = reconciler().pull(today, true);
        var call = bursar.post("/v1/chat/completions",
                "{\"model\":\"gpt-4o-mini\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(call.statusCode()).isEqualTo(200);
        assertThat(outcomes).filteredOn(o -> o.provider().equals("openai")).singleElement()
                .satisfies(o -> assertThat(o.ok()).isFalse());
        JsonNode runs = stored().get("runs");
        assertThat(runs).anySatisfy(r -> {
            assertThat(r.get("provider").asText()).isEqualTo("openai");
            assertThat(r.get("status").asText()).isEqualTo("failed");
            assertThat(r.get("error").asText()).contains("HTTP 500");
        });

        // the provider is back: an operator pulls the day again through the admin API
        openai.failWith(0);
        HttpResponse<String> again = bursar.post("/admin/reconcile/pull?day=" + today, "", "Authorization", AUTH);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).get("pulled")).hasSize(2)
                .allSatisfy(p -> assertThat(p.get("ok").asBoolean()).isTrue());
        assertThat(stored().get("runs")).allSatisfy(r -> assertThat(r.get("status").asText()).isEqualTo("ok"));
        assertThat(bursar.post("/admin/reconcile/pull?day=" + today.plusDays(2), "", "Authorization", AUTH).statusCode())
                .isEqualTo(400);
        assertThat(bursar.post("/admin/reconcile/pull?day=soon", "", "Authorization", AUTH).body()).contains("YYYY-MM-DD");
    }

    @Test
    void theAdminEndpointNeedsTheMasterKeyAndRefusesABadRange() {
        assertThat(bursar.startupLog()).contains("reconciling with openai, anthropic", "at 6:00 UTC every 24h");
        assertThat(bursar.get("/admin/reconcile").statusCode()).isEqualTo(401);
        HttpResponse<String> bad = bursar.get("/admin/reconcile?from=yesterday", "Authorization", AUTH);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"error\"", "'from'");
    }

    @Test
    void theGatewayPullsYesterdayByItselfAtStartOnceAcrossRestarts() throws Exception {
        LocalDate yesterday = today.minusDays(1);
        String start = "start_time=" + yesterday.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        Await.until("yesterday pulled at start", Duration.ofSeconds(10), () -> {
            try {
                JsonNode runs = JSON.readTree(bursar.get("/admin/reconcile?from=" + yesterday + "&to=" + yesterday,
                        "Authorization", AUTH).body()).get("runs");
                return runs.size() == 2 && runs.findValuesAsText("status").stream().allMatch("ok"::equals);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(openai.requests).anySatisfy(r -> assertThat(r.query()).contains(start));
        int before = openai.requests.size();

        // another cycle (a restart runs one too) finds yesterday pulled and asks nothing
        assertThat(reconciler().runDue()).isEmpty();
        assertThat(openai.requests).hasSize(before);
    }
}
