package dev.bursar.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.testing.Golden;
import dev.bursar.testing.RunningBursar;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The semantic cache through the gateway: a rephrased question of the same customer and feature is a hit-semantic
 * with the first answer and its saving; a question that differs in an entity, another customer or feature, and a
 * follow-up in another conversation are misses.
 */
class SemanticCacheGatewayTest {

    static RunningBursar bursar;

    @BeforeAll
    static void start() {
        bursar = RunningBursar.start("""
                providers: [ { name: sim, type: sim, sim: { ttft-millis: 0, tokens-per-second: 100000 } } ]
                models: [ { name: gpt-4o-mini, provider: sim }, { name: claude-3-5-haiku-20241022, provider: sim } ]
                keys: [ { key: acme-key, customer: acme }, { key: globex-key, customer: globex } ]
                cache:
                  exact: { ttl: 1h }
                  semantic: { ttl: 1h, threshold: auto, scope: [customer, feature] }
                """);
    }

    @AfterAll
    static void stop() {
        bursar.close();
    }

    static HttpResponse<String> ask(String key, String feature, String messagesJson, boolean stream) {
        return bursar.post("/v1/chat/completions", "{\"model\":\"gpt-4o-mini\",\"max_tokens\":40," + (stream ? "\"stream\":true," : "")
                + "\"messages\":" + messagesJson + "}", "Authorization", "Bearer " + key, "X-Bursar-Feature", feature);
    }

    static String user(String text) {
        return "[{\"role\":\"user\",\"content\":\"" + text + "\"}]";
    }

    static String cacheOf(HttpResponse<String> r) {
        return r.headers().firstValue("X-Bursar-Cache").orElse("(none)");
    }

    @Test
    void a_rephrased_question_hits_by_meaning_and_near_misses_do_not() throws Exception {
        HttpResponse<String> first = ask("acme-key", "faq", user("What is the capital of France?"), false);
        assertThat(cacheOf(first)).isEqualTo("miss");

        HttpResponse<String> again = ask("acme-key", "faq", user("What's the capital of France?"), false);
        assertThat(cacheOf(again)).isEqualTo("hit-semantic");
        assertThat(Golden.JSON.readTree(again.body()).at("/choices/0/message/content"))
                .isEqualTo(Golden.JSON.readTree(first.body()).at("/choices/0/message/content"));
        assertThat(again.headers().firstValue("X-Bursar-Saved-Usd")).isEqualTo(first.headers().firstValue("X-Bursar-Cost-Usd"));

        HttpResponse<String> streamed = ask("acme-key", "faq", user("What's the capital of France?"), true);
        assertThat(cacheOf(streamed)).isEqualTo("hit-semantic");
        assertThat(streamed.body()).contains("data: [DONE]");

        assertThat(cacheOf(ask("acme-key", "faq", user("What is the capital of Germany?"), false))).isEqualTo("miss");
        assertThat(cacheOf(ask("acme-key", "faq", user("What is not the capital of France?"), false))).isEqualTo("miss");
        assertThat(cacheOf(ask("globex-key", "faq", user("What's the capital of France?"), false))).isEqualTo("miss");
        assertThat(cacheOf(ask("acme-key", "billing", user("What's the capital of France?"), false))).isEqualTo("miss");

        String hitId = again.headers().firstValue("X-Bursar-Request-Id").orElseThrow();
        JsonNode hit = bursar.ledgerRows().stream().filter(r -> r.path("request_id").asText().equals(hitId))
                .findFirst().orElseThrow();
        assertThat(hit.path("cache").asText()).isEqualTo("hit-semantic");
        assertThat(new BigDecimal(hit.path("cost_usd").asText())).isZero();
        assertThat(hit.path("saved_usd").asText()).isEqualTo(first.headers().firstValue("X-Bursar-Cost-Usd").orElseThrow());
    }

    @Test
    void a_follow_up_never_gets_the_answer_of_another_conversations_follow_up() {
        String monaLisa = "[{\"role\":\"user\",\"content\":\"Tell me about the Mona Lisa.\"},"
                + "{\"role\":\"assistant\",\"content\":\"It is a famous portrait in the Louvre.\"},"
                + "{\"role\":\"user\",\"content\":\"Who painted it?\"}]";
        String starryNight = "[{\"role\":\"user\",\"content\":\"Tell me about The Starry Night.\"},"
                + "{\"role\":\"assistant\",\"content\":\"It is a famous painting in MoMA.\"},"
                + "{\"role\":\"user\",\"content\":\"Who painted it?\"}]";
        assertThat(cacheOf(ask("acme-key", "art", monaLisa, false))).isEqualTo("miss");
        assertThat(cacheOf(ask("acme-key", "art", starryNight, false))).isEqualTo("miss");
        assertThat(cacheOf(ask("acme-key", "art", monaLisa.replace("Who painted it?", "who painted it"), false)))
                .isEqualTo("hit-semantic");
    }

    @Test
    void the_admin_api_shows_the_semantic_index() throws Exception {
        ask("acme-key", "stats", user("How many moons does Mars have?"), false);
        JsonNode stats = Golden.JSON.readTree(bursar.get("/admin/cache", "Authorization", "Bearer " + RunningBursar.MASTER_KEY).body());
        assertThat(stats.path("semantic").path("enabled").asBoolean()).isTrue();
        assertThat(stats.path("semantic").path("entries").asLong()).isPositive();
        assertThat(stats.path("semantic").path("threshold").asText()).isNotBlank();
    }
}
