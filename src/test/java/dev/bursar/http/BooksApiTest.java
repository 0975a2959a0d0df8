package dev.bursar.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bursar.attribution.Attribution;
import dev.bursar.books.Books;
import dev.bursar.books.MarginGroup;
import dev.bursar.books.MarginJson;
import dev.bursar.config.BursarConfig;
import dev.bursar.config.ConfigLoader;
import dev.bursar.ledger.AttemptStatus;
import dev.bursar.ledger.Endpoint;
import dev.bursar.ledger.UsageEvent;
import dev.bursar.pricing.Usage;
import dev.bursar.testing.RunningBursar;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /admin/margin} and the books' objects over the admin API, on a running gateway. */
class BooksApiTest {

    static final String YAML = """
            providers: [ { name: sim, type: sim } ]
            costs:
              - { name: ECS Fargate, category: infrastructure, monthly-usd: "350", allocate: by-requests }
            plans:
              - { name: pro, monthly-usd: "15" }
            customers:
              - { id: acme, plan: pro, seats: 1 }
            """;
    static final String[] AUTH = {"Authorization", "Bearer " + RunningBursar.MASTER_KEY};
    static RunningBursar bursar;

    @BeforeAll
    static void start() {
        bursar = RunningBursar.start(YAML);
        bursar.bursar().storage().ledger().append(new UsageEvent("e1", "r1", Instant.parse("2026-12-03T10:00:00Z"),
                new Attribution("key_1", "acme", null, null, "chat", null, null),
                new UsageEvent.Models("gpt-4o", "gpt-4o", "gpt-4o", "openai", "direct"),
                new UsageEvent.Call(Endpoint.CHAT, false, false, 1, "none", null), Usage.of(1000, 100),
                new UsageEvent.Charge(new BigDecimal("3.25"), BigDecimal.ZERO, "p", false, null),
                new UsageEvent.Outcome(200, AttemptStatus.OK, null, 10, -1)));
    }

    @AfterAll
    static void stop() {
        bursar.close();
    }

    @Test
    void admin_margin_serves_exactly_the_json_of_bursar_margin() throws Exception {
        HttpResponse<String> res = bursar.get("/admin/margin?month=2026-12&group_by=customer", AUTH);

        assertThat(res.statusCode()).isEqualTo(200);
        BursarConfig cfg = ConfigLoader.parse(YAML, Map.of(), "t.yaml");
        var storage = bursar.bursar().storage();
        Books books = new Books(storage.database(), storage.ledger(), cfg.costs(), cfg.plans(), cfg.customers(), Clock.systemUTC());
        String cli = MarginJson.render(books.margin(new Books.MarginQuery(Instant.parse("2026-12-01T00:00:00Z"),
                Instant.parse("2027-01-01T00:00:00Z"), MarginGroup.CUSTOMER, null)));
        assertThat(new ObjectMapper().readTree(res.body())).isEqualTo(new ObjectMapper().readTree(cli));
        JsonNode acme = new ObjectMapper().readTree(res.body()).get("rows").get(0);
        assertThat(acme.get("cost_to_serve_usd").asText()).isEqualTo("353.25");
    }

    @Test
    void cost_items_are_added_listed_and_removed_and_bursar_yamls_are_read_only() throws Exception {
        HttpResponse<String> added = bursar.post("/admin/costs",
                "{\"name\":\"Datadog\",\"category\":\"monitoring\",\"monthly_usd\":\"800\",\"allocate\":\"by-active-customers\"}", AUTH);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(new ObjectMapper().readTree(added.body()).get("monthly_usd").asText()).isEqualTo("800");

        JsonNode list = new ObjectMapper().readTree(bursar.get("/admin/costs", AUTH).body()).get("costs");
        assertThat(list.findValuesAsText("name")).containsExactly("ECS Fargate", "Datadog");
        assertThat(list.findValuesAsText("source")).containsExactly("yaml", "stored");

        assertThat(bursar.delete("/admin/costs/ECS%20Fargate", AUTH).statusCode()).isEqualTo(409);
        assertThat(bursar.delete("/admin/costs/Datadog", AUTH).statusCode()).isEqualTo(200);
        assertThat(bursar.delete("/admin/costs/Datadog", AUTH).statusCode()).isEqualTo(404);
    }

    @Test
    void bad_bodies_and_params_are_400_and_the_master_key_is_required() {
        assertThat(bursar.post("/admin/costs", "{\"name\":\"x\",\"category\":\"rent\",\"monthly_usd\":\"1\"}", AUTH).statusCode()).isEqualTo(400);
        assertThat(bursar.post("/admin/plans", "{\"name\":\"x\",\"price\":\"1\"}", AUTH).statusCode()).isEqualTo(400);
        assertThat(bursar.get("/admin/margin?group_by=team", AUTH).statusCode()).isEqualTo(400);
        assertThat(bursar.get("/admin/margin").statusCode()).isEqualTo(401);
    }

    @Test
    void plans_and_customers_can_be_set_over_the_api() throws Exception {
        assertThat(bursar.post("/admin/plans", "{\"name\":\"team\",\"monthly_usd\":\"40\",\"per_seat_usd\":\"5\"}", AUTH).statusCode()).isEqualTo(201);
        assertThat(bursar.post("/admin/customers", "{\"id\":\"globex\",\"plan\":\"team\",\"seats\":2}", AUTH).statusCode()).isEqualTo(201);
        assertThat(bursar.post("/admin/customers", "{\"id\":\"initech\",\"plan\":\"gold\"}", AUTH).statusCode()).isEqualTo(400);

        JsonNode report = new ObjectMapper().readTree(bursar.get("/admin/margin?month=2026-12", AUTH).body());
        JsonNode globex = null;
        for (JsonNode r : report.get("rows")) {
            globex = r.get("customer").asText().equals("globex") ? r : globex;
        }
        assertThat(globex.get("revenue_usd").asText()).isEqualTo("50");
        assertThat(bursar.delete("/admin/customers/globex", AUTH).statusCode()).isEqualTo(200);
        assertThat(bursar.delete("/admin/plans/team", AUTH).statusCode()).isEqualTo(200);
    }
}
