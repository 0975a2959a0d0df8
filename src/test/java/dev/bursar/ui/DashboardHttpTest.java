package dev.bursar.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bursar.testing.RunningBursar;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboard's HTTP surface without a browser: login, cookie, CSRF, CSP, assets, and the two admin reads it added. */
class DashboardHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] AUTH = {"Authorization", "Bearer " + RunningBursar.MASTER_KEY};
    private static RunningBursar bursar;
    private static Instant now;

    @BeforeAll
    static void start() {
        bursar = RunningBursar.start("providers: [ { name: sim, type: sim } ]\n");
        now = Instant.now().minusSeconds(5);
        DemoLedger.fill(bursar.bursar().storage().ledger(), now, 300, 11);
    }

    @AfterAll
    static void stop() {
        bursar.close();
    }

    private static String origin() {
        return bursar.baseUrl();
    }

    private static String login() {
        HttpResponse<String> res = bursar.post("/ui/login", "{\"master_key\":\"" + RunningBursar.MASTER_KEY + "\"}",
                "Origin", origin());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(204);
        String setCookie = res.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    @Test
    void login_sets_an_http_only_same_site_strict_cookie_that_expires() {
        HttpResponse<String> res = bursar.post("/ui/login", "{\"master_key\":\"" + RunningBursar.MASTER_KEY + "\"}",
                "Origin", origin());

        assertThat(res.statusCode()).isEqualTo(204);
        assertThat(res.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c)
                .startsWith(Sessions.COOKIE + "=").contains("; HttpOnly").contains("; SameSite=Strict")
                .contains("; Max-Age=43200").contains("; Path=/"));
    }

    @Test
    void a_wrong_key_is_401_in_openai_error_json_and_sets_no_cookie() throws Exception {
        HttpResponse<String> res = bursar.post("/ui/login", "{\"master_key\":\"guess\"}", "Origin", origin());

        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(res.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(JSON.readTree(res.body()).at("/error/code").asText()).isEqualTo("invalid_master_key");
        assertThat(bursar.post("/ui/login", "{}", "Origin", origin()).statusCode()).isEqualTo(400);
        assertThat(bursar.post("/ui/login", "not json", "Origin", origin()).statusCode()).isEqualTo(400);
    }

    @Test
    void login_and_logout_from_another_origin_or_without_one_are_refused() throws Exception {
        String body = "{\"master_key\":\"" + RunningBursar.MASTER_KEY + "\"}";
        HttpResponse<String> cross = bursar.post("/ui/login", body, "Origin", "https://evil.example");
        assertThat(cross.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(cross.body()).at("/error/code").asText()).isEqualTo("cross_origin_refused");
        assertThat(bursar.post("/ui/login", body).statusCode()).isEqualTo(403);
        assertThat(bursar.post("/ui/logout", "{}", "Origin", "https://evil.example", "Cookie", login()).statusCode()).isEqualTo(403);
    }

    @Test
    void a_session_reads_the_admin_api_but_cannot_change_anything() throws Exception {
        String cookie = login();

        assertThat(bursar.get("/admin/spend", "Cookie", cookie).statusCode()).isEqualTo(200);
        HttpResponse<String> create = bursar.post("/admin/keys", "{\"name\":\"x\"}", "Cookie", cookie);
        assertThat(create.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(create.body()).at("/error/code").asText()).isEqualTo("read_only_session");
        assertThat(bursar.delete("/admin/cache", "Cookie", cookie).statusCode()).isEqualTo(403);
        assertThat(bursar.get("/admin/spend", "Cookie", Sessions.COOKIE + "=123.abc.forged").statusCode()).isEqualTo(401);
    }

    @Test
    void logout_ends_the_session() {
        String cookie = login();
        HttpResponse<String> out = bursar.post("/ui/logout", "{}", "Origin", origin(), "Cookie", cookie);

        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(out.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
        assertThat(bursar.get("/admin/spend", "Cookie", cookie).statusCode()).isEqualTo(401);
    }

    @Test
    void pages_carry_a_strict_csp_and_the_dashboard_needs_a_session() {
        HttpResponse<String> anonymous = bursar.get("/ui/");
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location")).hasValue("/ui/login.html");

        HttpResponse<String> page = bursar.get("/ui/", "Cookie", login());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(UiHeaders.CSP);
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.body()).doesNotContain("<script>").doesNotContain("style=").doesNotContain("onclick");
        assertThat(bursar.get("/ui/vendor/chart.umd.js").headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        assertThat(bursar.get("/ui/vendor/chart.js-LICENSE.md").body()).contains("MIT");
    }

    @Test
    void asset_paths_cannot_leave_the_ui_folder() {
        for (String p : List.of("/ui/../db/migrations.txt", "/ui/%2e%2e/db/migrations.txt", "/ui/..%2Fdb%2Fmigrations.txt",
                "/ui/vendor/../../db/migrations.txt", "/ui/nothing.html", "/ui/dev/bursar/Bursar.class")) {
            HttpResponse<String> res = bursar.get(p);
            assertThat(res.statusCode()).as(p).isIn(302, 400, 404);
            assertThat(res.body()).as(p).doesNotContain("rollup");
        }
    }

    @Test
    void admin_requests_lists_the_newest_rows_filtered_with_exact_costs() throws Exception {
        JsonNode all = JSON.readTree(bursar.get("/admin/requests?limit=50", AUTH).body()).get("rows");
        assertThat(all).hasSize(50);
        List<String> times = new ArrayList<>();
        all.forEach(r -> times.add(r.get("time").asText()));
        assertThat(times).isSortedAccordingTo((a, b) -> Instant.parse(b).compareTo(Instant.parse(a)));

        JsonNode acme = JSON.readTree(bursar.get("/admin/requests?customer=acme&status=error&limit=500", AUTH).body()).get("rows");
        assertThat(acme).isNotEmpty().allSatisfy(r -> {
            assertThat(r.get("customer").asText()).isEqualTo("acme");
            assertThat(r.get("status").asText()).isEqualTo("error");
            assertThat(r.get("cost_usd").asText()).matches("\\d+\\.\\d+|\\d+");
            assertThat(r.has("cached_input_tokens")).isTrue();
        });
        JsonNode xss = JSON.readTree(bursar.get("/admin/requests?customer=" + java.net.URLEncoder.encode(DemoLedger.XSS_CUSTOMER,
                java.nio.charset.StandardCharsets.UTF_8), AUTH).body()).get("rows");
        assertThat(xss).isNotEmpty().allSatisfy(r -> assertThat(r.get("customer").asText()).isEqualTo(DemoLedger.XSS_CUSTOMER));

        String before = all.get(9).get("time").asText();
        JsonNode older = JSON.readTree(bursar.get("/admin/requests?limit=5&before=" + before, AUTH).body()).get("rows");
        assertThat(older).allSatisfy(r -> assertThat(Instant.parse(r.get("time").asText())).isBefore(Instant.parse(before)));
    }

    @Test
    void admin_requests_refuses_bad_parameters_with_a_clear_error() throws Exception {
        for (String q : List.of("limit=0", "limit=501", "limit=ten", "status=weird", "before=yesterday")) {
            HttpResponse<String> res = bursar.get("/admin/requests?" + q, AUTH);
            assertThat(res.statusCode()).as(q).isEqualTo(400);
            assertThat(JSON.readTree(res.body()).at("/error/message").asText()).as(q).isNotBlank();
        }
        assertThat(bursar.get("/admin/requests").statusCode()).isEqualTo(401);
    }

    @Test
    void admin_prices_lists_the_catalog_with_each_models_history() throws Exception {
        JsonNode models = JSON.readTree(bursar.get("/admin/prices", AUTH).body()).get("models");
        JsonNode mini = null;
        for (JsonNode m : models) {
            mini = m.get("id").asText().equals("gpt-4o-mini") ? m : mini;
        }
        assertThat(mini).isNotNull();
        assertThat(mini.get("provider").asText()).isEqualTo("openai");
        assertThat(mini.get("history").size()).isGreaterThanOrEqualTo(1);
        JsonNode current = null;
        for (JsonNode v : mini.get("history")) {
            current = v.get("version").asText().equals(mini.get("current").asText()) ? v : current;
        }
        assertThat(current.at("/usd_per_million/input").asText()).isEqualTo("0.15");
        assertThat(current.at("/usd_per_million/output").asText()).isEqualTo("0.6");
        JsonNode anthropic = JSON.readTree(bursar.get("/admin/prices?provider=anthropic", AUTH).body()).get("models");
        assertThat(anthropic).isNotEmpty().allSatisfy(m -> assertThat(m.get("provider").asText()).isEqualTo("anthropic"));
    }
}
