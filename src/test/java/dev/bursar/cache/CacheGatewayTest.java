package dev.bursar.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.testing.FakeUpstream;
import dev.bursar.testing.FakeUpstream.Reply;
import dev.bursar.testing.Golden;
import dev.bursar.testing.RunningBursar;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the exact cache gives, keeps and refuses, as a client and an operator see it through the gateway. */
class CacheGatewayTest {

    static FakeUpstream upstream;
    static RunningBursar bursar;
    static final String ADMIN = "Bearer " + RunningBursar.MASTER_KEY;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start();
        bursar = RunningBursar.start("""
                providers:
                  - { name: sim, type: sim, sim: { ttft-millis: 0, tokens-per-second: 100000 } }
                  - { name: fake, type: openai, base-url: "%s/v1", api-key: sk-fake }
                models:
                  - { name: gpt-4o-mini, provider: sim }
                  - { name: gpt-4o, provider: sim, cache: off }
                  - { name: text-embedding-3-small, provider: sim }
                  - { name: tool-model, provider: fake, upstream: gpt-4.1, price-as: gpt-4.1 }
                  - { name: flaky, provider: fake, upstream: gpt-4.1, price-as: gpt-4.1, fallbacks: [ { model: gpt-4o-mini } ] }
                keys:
                  - { key: acme-key, customer: acme }
                  - { key: anon-1 }
                  - { key: anon-2 }
                  - { key: budget-key, customer: frugal }
                budgets:
                  - { name: frugal-day, scope: customer, match: frugal, window: day, limit-usd: "100" }
                cache:
                  exact: { ttl: 1h, max-entries: 1000 }
                """.formatted(upstream.baseUrl()));
    }

    @AfterAll
    static void stop() {
        bursar.close();
        upstream.close();
    }

    static HttpResponse<String> chat(String key, String body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = "Bearer " + key;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return bursar.post("/v1/chat/completions", body, all);
    }

    static String ask(String question) {
        return "{\"model\":\"gpt-4o-mini\",\"max_tokens\":40,\"messages\":[{\"role\":\"user\",\"content\":\"" + question + "\"}]}";
    }

    static String cacheOf(HttpResponse<String> r) {
        return r.headers().firstValue("X-Bursar-Cache").orElse("(none)");
    }

    @Test
    void keys_without_a_customer_are_separate_tenants() {
        String body = ask("tenant check");
        assertThat(cacheOf(chat("anon-1", body))).isEqualTo("miss");
        assertThat(cacheOf(chat("anon-2", body))).isEqualTo("miss");
        assertThat(cacheOf(chat("anon-1", body))).isEqualTo("hit-exact");
        assertThat(cacheOf(chat("anon-2", body))).isEqualTo("hit-exact");
    }

    @Test
    void a_locked_customer_cannot_read_another_customers_entries_by_naming_them() {
        String body = ask("whose answer is this");
        assertThat(cacheOf(chat("anon-1", body, "X-Bursar-Customer", "victim"))).isEqualTo("miss");
        // acme-key is locked to acme: naming victim does not make it victim.
        assertThat(cacheOf(chat("acme-key", body, "X-Bursar-Customer", "victim"))).isEqualTo("miss");
        assertThat(cacheOf(chat("anon-2", body, "X-Bursar-Customer", "victim"))).isEqualTo("hit-exact");
    }

    @Test
    void off_and_refresh_from_the_header_or_the_metadata() {
        String body = ask("directive check");
        assertThat(cacheOf(chat("acme-key", body, "X-Bursar-Cache", "off"))).isEqualTo("off");
        assertThat(cacheOf(chat("acme-key", body))).isEqualTo("miss");
        assertThat(cacheOf(chat("acme-key", body, "X-Bursar-Cache", "off"))).isEqualTo("off");
        assertThat(cacheOf(chat("acme-key", body, "X-Bursar-Cache", "refresh"))).isEqualTo("miss");
        assertThat(cacheOf(chat("acme-key", body))).isEqualTo("hit-exact");
        String withMetadata = body.replace("\"max_tokens\":40,", "\"max_tokens\":40,\"metadata\":{\"cache\":\"off\"},");
        assertThat(cacheOf(chat("acme-key", withMetadata))).isEqualTo("off");
        // Bursar's directive is not sent upstream: the kept answer of the plain request is the same entry.
        String refresh = body.replace("\"max_tokens\":40,", "\"max_tokens\":40,\"metadata\":{\"bursar_cache\":\"refresh\"},");
        assertThat(cacheOf(chat("acme-key", refresh))).isEqualTo("miss");
    }

    @Test
    void an_unknown_directive_is_refused_in_the_clients_wire() throws Exception {
        HttpResponse<String> openAi = chat("acme-key", ask("bad directive"), "X-Bursar-Cache", "sometimes");
        assertThat(openAi.statusCode()).isEqualTo(400);
        assertThat(Golden.JSON.readTree(openAi.body()).path("error").path("message").asText()).contains("off").contains("refresh");
        HttpResponse<String> anthropic = bursar.post("/v1/messages", """
                {"model":"claude-3-5-haiku-20241022","max_tokens":20,"metadata":{"cache":"maybe"},
                 "messages":[{"role":"user","content":"hi"}]}""", "x-api-key", "acme-key");
        assertThat(anthropic.statusCode()).isEqualTo(400);
        assertThat(Golden.JSON.readTree(anthropic.body()).path("type").asText()).isEqualTo("error");
    }

    @Test
    void sampling_without_a_seed_and_several_choices_are_not_cached_a_seed_is() {
        String sampled = ask("sampled").replace("\"max_tokens\":40", "\"max_tokens\":40,\"temperature\":0.7");
        assertThat(cacheOf(chat("acme-key", sampled))).isEqualTo("off");
        assertThat(cacheOf(chat("acme-key", sampled))).isEqualTo("off");
        String seeded = sampled.replace("\"temperature\":0.7", "\"temperature\":0.7,\"seed\":42");
        assertThat(cacheOf(chat("acme-key", seeded))).isEqualTo("miss");
        assertThat(cacheOf(chat("acme-key", seeded))).isEqualTo("hit-exact");
        String several = ask("several").replace("\"max_tokens\":40", "\"max_tokens\":40,\"n\":2");
        assertThat(cacheOf(chat("acme-key", several))).isEqualTo("off");
    }

    @Test
    void a_model_with_cache_off_is_never_cached() {
        String body = ask("uncached model").replace("gpt-4o-mini", "gpt-4o");
        assertThat(cacheOf(chat("acme-key", body))).isEqualTo("off");
        assertThat(cacheOf(chat("acme-key", body))).isEqualTo("off");
    }

    @Test
    void tool_calls_errors_and_fallback_answers_are_not_kept() {
        upstream.on("/v1/chat/completions", Reply.json(200, Golden.text("anthropic-bridge/response-tools-openai.json")));
        String tools = "{\"model\":\"tool-model\",\"max_tokens\":40,\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"}]}";
        assertThat(cacheOf(chat("acme-key", tools))).isEqualTo("miss");
        assertThat(cacheOf(chat("acme-key", tools))).isEqualTo("miss");

        upstream.on("/v1/chat/completions", Reply.json(500, "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}"));
        String flaky = "{\"model\":\"flaky\",\"max_tokens\":40,\"messages\":[{\"role\":\"user\",\"content\":\"fallback?\"}]}";
        HttpResponse<String> first = chat("acme-key", flaky);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("X-Bursar-Route").orElseThrow()).startsWith("fallback:");
        assertThat(cacheOf(first)).isEqualTo("miss");
        assertThat(cacheOf(chat("acme-key", flaky))).isEqualTo("miss");
    }

    @Test
    void hits_are_not_charged_to_budgets_and_the_report_groups_by_cache() throws Exception {
        String body = ask("budget check");
        HttpResponse<String> miss = chat("budget-key", body);
        BigDecimal cost = new BigDecimal(miss.headers().firstValue("X-Bursar-Cost-Usd").orElseThrow());
        for (int i = 0; i < 3; i++) {
            assertThat(cacheOf(chat("budget-key", body))).isEqualTo("hit-exact");
        }
        JsonNode budgets = Golden.JSON.readTree(bursar.get("/admin/budgets", "Authorization", ADMIN).body());
        JsonNode frugal = null;
        for (JsonNode b : budgets.path("status")) {
            if (b.path("budget").asText().equals("frugal-day") && b.path("value").asText().equals("frugal")) {
                frugal = b;
            }
        }
        assertThat(frugal).as(budgets.toString()).isNotNull();
        assertThat(new BigDecimal(frugal.path("spent_usd").asText())).isEqualByComparingTo(cost);

        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        JsonNode report = Golden.JSON.readTree(bursar.get("/admin/spend?group_by=customer,cache&from=" + today + "&to=" + today,
                "Authorization", ADMIN).body());
        List<JsonNode> frugalRows = new java.util.ArrayList<>();
        report.path("rows").forEach(r -> {
            if (r.path("customer").asText().equals("frugal")) {
                frugalRows.add(r);
            }
        });
        assertThat(frugalRows).extracting(r -> r.path("cache").asText())
                .containsExactlyInAnyOrder("miss", "hit-exact");
        JsonNode hits = frugalRows.stream().filter(r -> r.path("cache").asText().equals("hit-exact")).findFirst().orElseThrow();
        assertThat(hits.path("requests").asLong()).isEqualTo(3);
        assertThat(new BigDecimal(hits.path("cost_usd").asText())).isZero();
        assertThat(new BigDecimal(hits.path("saved_usd").asText())).isEqualByComparingTo(cost.multiply(BigDecimal.valueOf(3)));
    }

    @Test
    void embeddings_are_cached_too() {
        String body = "{\"model\":\"text-embedding-3-small\",\"input\":\"cache me\"}";
        HttpResponse<String> first = bursar.post("/v1/embeddings", body, "Authorization", "Bearer acme-key");
        HttpResponse<String> second = bursar.post("/v1/embeddings", body, "Authorization", "Bearer acme-key");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(cacheOf(first)).isEqualTo("miss");
        assertThat(cacheOf(second)).isEqualTo("hit-exact");
        assertThat(second.body()).isEqualTo(first.body());
    }

    @Test
    void the_admin_api_shows_hit_rates_and_savings_and_purges_one_customer() throws Exception {
        String body = ask("purge check");
        chat("acme-key", body, "X-Bursar-Feature", "faq");
        chat("acme-key", body, "X-Bursar-Feature", "faq");
        chat("anon-1", body);
        assertThat(cacheOf(chat("anon-1", body))).isEqualTo("hit-exact");

        JsonNode stats = Golden.JSON.readTree(bursar.get("/admin/cache", "Authorization", ADMIN).body());
        assertThat(stats.path("enabled").asBoolean()).isTrue();
        assertThat(stats.path("exact").path("backend").asText()).isEqualTo("memory");
        assertThat(stats.path("exact").path("entries").asLong()).isPositive();
        JsonNode faq = null;
        for (JsonNode r : stats.path("rows")) {
            if (r.path("feature").asText().equals("faq")) {
                faq = r;
            }
        }
        assertThat(faq).as(stats.toString()).isNotNull();
        assertThat(faq.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(faq.path("hits_exact").asLong()).isEqualTo(1);
        assertThat(faq.path("misses").asLong()).isEqualTo(1);
        assertThat(faq.path("hit_rate").asText()).isEqualTo("0.5000");
        assertThat(new BigDecimal(faq.path("saved_usd").asText())).isPositive();
        assertThat(bursar.get("/admin/cache").statusCode()).isEqualTo(401);

        JsonNode purged = Golden.JSON.readTree(bursar.delete("/admin/cache?customer=acme", "Authorization", ADMIN).body());
        assertThat(purged.path("removed").asLong()).isPositive();
        assertThat(cacheOf(chat("acme-key", body, "X-Bursar-Feature", "faq"))).isEqualTo("miss");
        assertThat(cacheOf(chat("anon-1", body))).isEqualTo("hit-exact");
    }
}
