package dev.bursar.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.testing.Golden;
import dev.bursar.testing.RunningBursar;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Admin request bodies are read as strictly as bursar.yaml: a misspelt field or a wrong type is a 400 naming it. */
class AdminApiStrictnessTest {

    static final String AUTH = "Bearer " + RunningBursar.MASTER_KEY;
    static RunningBursar bursar;

    @BeforeAll
    static void start() {
        bursar = RunningBursar.start("providers: [ { name: sim, type: sim } ]\n");
    }

    @AfterAll
    static void stop() {
        bursar.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            misspelt field   | {"enviroment": "prod"}                    | unknown_field | enviroment
            object as text   | {"customer": {"a": 1}}                    | invalid_type  | customer
            array as text    | {"team": ["a"]}                           | invalid_type  | team
            number as text   | {"feature": 5}                            | invalid_type  | feature
            decimal as text  | {"name": 1.5}                             | invalid_type  | name
            boolean as text  | {"environment": true}                     | invalid_type  | environment
            alias, wrong type| {"env": {"x": "prod"}}                    | invalid_type  | environment
            tag too long     | {"customer": "%s"}                        | tag_too_long  | customer
            """)
    void a_bad_key_request_is_refused_naming_the_field_and_creates_no_key(String name, String body, String code, String param) {
        String keysBefore = bursar.get("/admin/keys", "Authorization", AUTH).body();

        HttpResponse<String> r = bursar.post("/admin/keys", body.formatted("k".repeat(257)), "Authorization", AUTH);

        assertRefused(r, code, param);
        assertThat(bursar.get("/admin/keys", "Authorization", AUTH).body()).isEqualTo(keysBefore);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            misspelt field      | {"scope": "customer", "match": "a", "limit_usd": "1", "windw": "day"}        | unknown_field  | windw
            object as text      | {"scope": "customer", "match": {"a": 1}, "limit_usd": "1"}                   | invalid_type   | match
            number as text      | {"scope": "customer", "match": 5, "limit_usd": "1"}                          | invalid_type   | match
            object as money     | {"scope": "customer", "match": "a", "limit_usd": {"usd": 1}}                 | invalid_type   | limit_usd
            text not a number   | {"scope": "customer", "match": "a", "limit_usd": "ten"}                      | invalid_type   | limit_usd
            bad array element   | {"scope": "customer", "match": "a", "limit_usd": "1", "alert_at": [0.5, {}]} | invalid_type   | alert_at[1]
            dashed, wrong type  | {"scope": "customer", "match": "a", "limit-usd": "1", "time-zone": 2}         | invalid_type   | time_zone
            bad value           | {"scope": "customer", "match": "a", "limit_usd": "1", "window": "week"}      | invalid_budget | window
            """)
    void a_bad_budget_request_is_refused_naming_the_field_and_sets_no_budget(String name, String body, String code, String param) {
        String budgetsBefore = bursar.get("/admin/budgets", "Authorization", AUTH).body();

        HttpResponse<String> r = bursar.post("/admin/budgets", body, "Authorization", AUTH);

        assertRefused(r, code, param);
        assertThat(bursar.get("/admin/budgets", "Authorization", AUTH).body()).isEqualTo(budgetsBefore);
    }

    static void assertRefused(HttpResponse<String> r, String code, String param) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode err = json(r.body()).path("error");
        assertThat(err.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(err.path("code").asText()).isEqualTo(code);
        assertThat(err.path("param").asText()).isEqualTo(param);
        assertThat(err.path("message").asText()).contains("'" + param + "'");
    }

    static JsonNode json(String s) {
        try {
            return Golden.JSON.readTree(s);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }
}
