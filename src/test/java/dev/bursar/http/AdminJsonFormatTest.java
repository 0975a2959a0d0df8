package dev.bursar.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.testing.Golden;
import dev.bursar.testing.RunningBursar;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin API's JSON, field by field and in order, as users' scripts read it: names, nulls, money as exact decimal
 * strings, times as ISO instants.
 */
class AdminJsonFormatTest {

    static final String AUTH = "Bearer " + RunningBursar.MASTER_KEY;
    static RunningBursar bursar;

    @BeforeAll
    static void start() {
        bursar = RunningBursar.start("""
                providers: [ { name: sim, type: sim } ]
                budgets:
                  - { name: acme-day, scope: customer, match: acme, window: day, limit-usd: "10.50", alert-at: [0.000001] }
                """);
    }

    @AfterAll
    static void stop() {
        bursar.close();
    }

    @Test
    void keys_are_created_listed_and_revoked_with_every_field_named_as_before() {
        JsonNode created = json(post("/admin/keys", "{\"name\":\"ci\",\"customer\":\"acme\",\"env\":\"dev\"}", 201));

        assertThat(fieldNames(created)).containsExactly("id", "name", "prefix", "customer", "team", "feature", "environment",
                "user", "created_at", "revoked_at", "key", "note");
        assertThat(created.path("environment").asText()).isEqualTo("dev");
        assertThat(created.path("team").isNull()).isTrue();
        assertThat(created.path("revoked_at").isNull()).isTrue();
        assertThat(created.path("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        String id = created.path("id").asText();

        JsonNode listed = json(bursar.get("/admin/keys", "Authorization", AUTH).body());
        assertThat(fieldNames(listed)).containsExactly("data");
        JsonNode key = find(listed.path("data"), "id", id);
        assertThat(fieldNames(key)).containsExactly("id", "name", "prefix", "customer", "team", "feature", "environment",
                "user", "created_at", "revoked_at");

        HttpResponse<String> revoked = bursar.delete("/admin/keys/" + id, "Authorization", AUTH);
        assertThat(revoked.body()).isEqualTo("{\"id\":\"" + id + "\",\"revoked\":true}");
        JsonNode after = find(json(bursar.get("/admin/keys", "Authorization", AUTH).body()).path("data"), "id", id);
        assertThat(after.path("revoked_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void spend_rows_carry_their_groups_then_exact_money_and_tokens() {
        call("acme");

        JsonNode report = json(bursar.get("/admin/spend?group_by=customer,model", "Authorization", AUTH).body());

        assertThat(fieldNames(report)).containsExactly("from", "to", "group_by", "rows");
        assertThat(report.path("from").asText()).endsWith("Z");
        assertThat(report.path("group_by").toString()).isEqualTo("[\"customer\",\"model\"]");
        JsonNode row = find(report.path("rows"), "customer", "acme");
        assertThat(fieldNames(row)).containsExactly("customer", "model", "cost_usd", "requests", "attempts", "failed_attempts",
                "failed_cost_usd", "saved_usd", "tokens");
        assertThat(row.path("cost_usd").isTextual()).isTrue();
        assertThat(row.path("cost_usd").asText()).matches("0\\.\\d+");
        assertThat(row.path("requests").isIntegralNumber()).isTrue();
        assertThat(fieldNames(row.path("tokens"))).containsExactly("input", "uncached_input", "cached_input", "cache_write_5m",
                "cache_write_1h", "output", "reasoning");
        assertThat(row.path("tokens").path("output").isIntegralNumber()).isTrue();
    }

    @Test
    void budgets_are_defined_listed_with_their_status_and_removed_as_before() {
        JsonNode defined = json(post("/admin/budgets",
                "{\"name\":\"t-month\",\"scope\":\"team\",\"match\":\"core\",\"limit_usd\":\"2.50\",\"alert-at\":[\"0.5\",0.8]}", 201));

        assertThat(defined.toString()).isEqualTo("{\"name\":\"t-month\",\"scope\":\"team\",\"match\":\"core\",\"window\":\"month\","
                + "\"time_zone\":\"UTC\",\"limit_usd\":\"2.50\",\"alert_at\":[\"0.5\",\"0.8\"],\"enforce\":\"hard\",\"on_store_down\":\"closed\"}");
        call("acme");

        JsonNode listed = json(bursar.get("/admin/budgets", "Authorization", AUTH).body());
        assertThat(fieldNames(listed)).containsExactly("budgets", "status");
        JsonNode fromConfig = find(listed.path("budgets"), "name", "acme-day");
        assertThat(fieldNames(fromConfig)).containsExactly("name", "scope", "match", "window", "time_zone", "limit_usd", "alert_at",
                "enforce", "on_store_down", "from_config");
        assertThat(fromConfig.path("limit_usd").asText()).isEqualTo("10.50");
        assertThat(fromConfig.path("from_config").asBoolean()).isTrue();
        JsonNode status = find(listed.path("status"), "budget", "acme-day");
        assertThat(fieldNames(status)).containsExactly("budget", "scope", "value", "window", "hard", "window_start", "resets_at",
                "limit_usd", "spent_usd", "reserved_usd", "remaining_usd");
        assertThat(status.path("limit_usd").asText()).as("status money has no trailing zeros").isEqualTo("10.5");
        assertThat(status.path("spent_usd").asText()).matches("0\\.\\d*[1-9]");
        assertThat(status.path("hard").isBoolean()).isTrue();
        assertThat(status.path("resets_at").asText()).endsWith("T00:00:00Z");

        assertThat(bursar.delete("/admin/budgets/t-month", "Authorization", AUTH).body())
                .isEqualTo("{\"name\":\"t-month\",\"removed\":true}");
    }

    @Test
    void alerts_list_their_numbers_as_exact_strings() throws InterruptedException {
        call("acme");

        JsonNode alert = awaitAlert("acme-day");

        assertThat(fieldNames(alert)).containsExactly("alert_id", "rule", "type", "severity", "scope", "scope_value", "window",
                "value", "numbers", "message", "fired_at", "resolved_at");
        assertThat(alert.path("value").isTextual()).isTrue();
        assertThat(alert.path("numbers").size()).isPositive();
        alert.path("numbers").forEach(n -> assertThat(n.isTextual()).isTrue());
        assertThat(alert.path("resolved_at").isNull()).isTrue();
    }

    static JsonNode awaitAlert(String rule) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            JsonNode alerts = json(bursar.get("/admin/alerts", "Authorization", AUTH).body());
            assertThat(fieldNames(alerts)).containsExactly("alerts");
            for (JsonNode a : alerts.path("alerts")) {
                if (a.path("rule").asText().contains(rule)) {
                    return a;
                }
            }
            assertThat(System.nanoTime()).as("an alert for " + rule + " within 10 s: " + alerts).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    static void call(String customer) {
        HttpResponse<String> r = bursar.post("/v1/chat/completions",
                "{\"model\":\"gpt-4o-mini\",\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "X-Bursar-Customer", customer);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    static String post(String path, String body, int status) {
        HttpResponse<String> r = bursar.post(path, body, "Authorization", AUTH);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        return r.body();
    }

    static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (n.path(field).asText().equals(value)) {
                return n;
            }
        }
        throw new AssertionError("no element with " + field + "=" + value + " in " + array);
    }

    static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static JsonNode json(String s) {
        try {
            return Golden.JSON.readTree(s);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }
}
