package dev.bursar.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.testing.Golden;
import dev.bursar.testing.RunningBursar;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tags a key sets are locked: a request can fill only the tags its key leaves empty, so a key holder cannot bill
 * another customer nor escape that customer's budget.
 */
class AttributionLockTest {

    static RunningBursar bursar;

    @BeforeAll
    static void start() {
        bursar = RunningBursar.start("""
                providers: [ { name: sim, type: sim } ]
                keys:
                  - { key: cust-a-key, customer: custA, team: teamA, feature: featA, environment: prod, user: userA }
                  - { key: spent-key, customer: spent }
                  - { key: backend-key }
                budgets:
                  - { name: spent-day, scope: customer, match: spent, window: day, limit-usd: "0.00005" }
                """);
    }

    @AfterAll
    static void stop() {
        bursar.close();
    }

    static String chat(String extra) {
        return "{\"model\":\"gpt-4o-mini\",\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]" + extra + "}";
    }

    static String messages(String extra) {
        return "{\"model\":\"claude-3-5-haiku-20241022\",\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]"
                + extra + "}";
    }

    static final String[] OVERRIDE_HEADERS = {"X-Bursar-Customer", "custB", "X-Bursar-Team", "teamB",
            "X-Bursar-Feature", "featB", "X-Bursar-Env", "dev", "X-Bursar-User", "userB"};

    static final String OVERRIDE_METADATA = ",\"metadata\":{\"customer\":\"custC\",\"bursar_team\":\"teamC\","
            + "\"feature\":\"featC\",\"environment\":\"dev\",\"user\":\"userC\"}";

    @Test
    void an_openai_request_cannot_change_any_tag_its_key_sets() {
        HttpResponse<String> r = bursar.post("/v1/chat/completions", chat(OVERRIDE_METADATA + ",\"user\":\"userD\""),
                withAuth("Authorization", "Bearer cust-a-key", OVERRIDE_HEADERS));

        assertThat(r.statusCode()).isEqualTo(200);
        assertAttributedToKeyTags(rowOf(r));
    }

    @Test
    void an_anthropic_request_cannot_change_any_tag_its_key_sets() {
        String metadata = OVERRIDE_METADATA.replace("\"user\":\"userC\"", "\"user_id\":\"userD\"");
        HttpResponse<String> r = bursar.post("/v1/messages", messages(metadata), withAuth("x-api-key", "cust-a-key", OVERRIDE_HEADERS));

        assertThat(r.statusCode()).isEqualTo(200);
        assertAttributedToKeyTags(rowOf(r));
    }

    @Test
    void a_key_without_tags_attributes_per_request_and_the_body_wins_over_headers() {
        HttpResponse<String> byHeader = bursar.post("/v1/chat/completions", chat(""),
                "Authorization", "Bearer backend-key", "X-Bursar-Customer", "endcustomer1", "X-Bursar-Feature", "search");
        HttpResponse<String> byBody = bursar.post("/v1/messages", messages(",\"metadata\":{\"customer\":\"endcustomer2\"}"),
                "x-api-key", "backend-key", "X-Bursar-Customer", "ignored");

        assertThat(rowOf(byHeader).path("customer").asText()).isEqualTo("endcustomer1");
        assertThat(rowOf(byHeader).path("feature").asText()).isEqualTo("search");
        assertThat(rowOf(byBody).path("customer").asText()).isEqualTo("endcustomer2");
    }

    @Test
    void a_key_whose_customer_budget_is_spent_stays_refused_whatever_customer_the_request_names() {
        HttpResponse<String> last = null;
        for (int i = 0; i < 20; i++) {
            last = bursar.post("/v1/chat/completions", chat(""), "Authorization", "Bearer spent-key");
            if (last.statusCode() != 200) {
                break;
            }
        }
        assertThat(last.statusCode()).isEqualTo(429);

        HttpResponse<String> byHeader = bursar.post("/v1/chat/completions", chat(""),
                "Authorization", "Bearer spent-key", "X-Bursar-Customer", "custB");
        HttpResponse<String> byMetadata = bursar.post("/v1/chat/completions", chat(",\"metadata\":{\"customer\":\"custC\"}"),
                "Authorization", "Bearer spent-key");
        HttpResponse<String> anthropic = bursar.post("/v1/messages", messages(",\"metadata\":{\"bursar_customer\":\"custD\"}"),
                "x-api-key", "spent-key", "X-Bursar-Customer", "custB");

        for (HttpResponse<String> r : List.of(byHeader, byMetadata)) {
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(json(r.body()).path("error").path("code").asText()).isEqualTo("budget_exceeded");
        }
        assertThat(anthropic.statusCode()).isEqualTo(429);
        assertThat(json(anthropic.body()).path("type").asText()).isEqualTo("error");
        assertThat(json(anthropic.body()).path("error").path("message").asText()).contains("spent-day");
        assertThat(bursar.ledgerRows()).noneMatch(row -> List.of("custB", "custC", "custD").contains(row.path("customer").asText()));
    }

    @Test
    void a_key_created_through_the_admin_api_is_locked_too() {
        HttpResponse<String> created = bursar.post("/admin/keys", "{\"customer\":\"custK\",\"feature\":\"featK\"}",
                "Authorization", "Bearer " + RunningBursar.MASTER_KEY);
        String secret = json(created.body()).path("key").asText();

        HttpResponse<String> r = bursar.post("/v1/chat/completions", chat(",\"metadata\":{\"customer\":\"custC\",\"team\":\"teamC\"}"),
                "Authorization", "Bearer " + secret, "X-Bursar-Feature", "featB");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode row = rowOf(r);
        assertThat(row.path("customer").asText()).isEqualTo("custK");
        assertThat(row.path("feature").asText()).isEqualTo("featK");
        assertThat(row.path("team").asText()).as("a tag the key leaves empty is the request's").isEqualTo("teamC");
    }

    static void assertAttributedToKeyTags(JsonNode row) {
        assertThat(row.path("customer").asText()).isEqualTo("custA");
        assertThat(row.path("team").asText()).isEqualTo("teamA");
        assertThat(row.path("feature").asText()).isEqualTo("featA");
        assertThat(row.path("environment").asText()).isEqualTo("prod");
        assertThat(row.path("user").asText()).isEqualTo("userA");
    }

    static String[] withAuth(String name, String value, String... rest) {
        String[] all = new String[rest.length + 2];
        all[0] = name;
        all[1] = value;
        System.arraycopy(rest, 0, all, 2, rest.length);
        return all;
    }

    static JsonNode rowOf(HttpResponse<String> r) {
        String requestId = r.headers().firstValue("x-bursar-request-id").orElseThrow();
        return bursar.ledgerRows().stream().filter(row -> row.path("request_id").asText().equals(requestId))
                .findFirst().orElseThrow(() -> new AssertionError("no ledger row for " + requestId + ": " + r.body()));
    }

    static JsonNode json(String s) {
        try {
            return Golden.JSON.readTree(s);
        } catch (Exception e) {
            throw new AssertionError(s, e);
        }
    }
}
