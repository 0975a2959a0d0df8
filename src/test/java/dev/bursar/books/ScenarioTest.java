package dev.bursar.books;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bursar.config.ConfigException;
import dev.bursar.pricing.PriceCatalog;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * December 2026 at catalog prices (gpt-4o $2.50 / $10 per million input / output tokens, gpt-4o-mini $0.15 / $0.60),
 * three customers on a $15 plan with a 50% target:
 * <pre>
 *   acme     chat   gpt-4o       2,000,000 in  500,000 out   $5.00 + $5.00 = $10.00
 *   acme     search gpt-4o         400,000 in  100,000 out   $1.00 + $1.00 =  $2.00
 *   globex   chat   gpt-4o       1,000,000 in  200,000 out   $2.50 + $2.00 =  $4.50
 *   initech  search gpt-4o       1,000,000 in  400,000 out   $2.50 + $4.00 =  $6.50
 * </pre>
 * Moving chat to gpt-4o-mini reprices acme's chat at $0.30 + $0.30 = $0.60 and globex's at $0.15 + $0.12 = $0.27;
 * search stays as it was.
 */
class ScenarioTest {

    static final String BOOKS = """
            plans:
              - { name: pro, monthly-usd: "15", target-margin-pct: "50" }
            customers:
              - { id: acme, plan: pro }
              - { id: globex, plan: pro }
              - { id: initech, plan: pro }
            """;

    @TempDir
    Path dir;
    BooksFixture f;
    Books books;
    final Scenario scenario = new Scenario(PriceCatalog.bundled());

    @BeforeEach
    void december() {
        f = new BooksFixture(dir);
        f.call("acme", "chat", "gpt-4o", 2_000_000, 500_000, "10", false)
                .call("acme", "search", "gpt-4o", 400_000, 100_000, "2", false)
                .call("globex", "chat", "gpt-4o", 1_000_000, 200_000, "4.5", false)
                .call("initech", "search", "gpt-4o", 1_000_000, 400_000, "6.5", false);
        books = f.books(BOOKS);
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void switching_chat_to_gpt_4o_mini_reprices_exactly_that_features_month_and_names_who_crosses_the_target() throws Exception {
        ScenarioReport r = run("""
                month: 2026-12
                switch-model:
                  - { feature: chat, from: gpt-4o, to: gpt-4o-mini }
                """);

        assertThat(after(r, "acme").apiCostUsd()).isEqualByComparingTo("2.60"); // 0.60 chat + 2.00 search
        assertThat(after(r, "globex").apiCostUsd()).isEqualByComparingTo("0.27");
        assertThat(after(r, "initech").apiCostUsd()).isEqualByComparingTo("6.50");
        assertThat(before(r, "acme").marginPct()).contains(new java.math.BigDecimal("20"));
        assertThat(after(r, "acme").marginPct()).contains(new java.math.BigDecimal("82.67"));
        assertThat(change(r, "acme").crossesTarget()).contains("above");
        assertThat(change(r, "globex").crossesTarget()).isEmpty();
        assertThat(r.totalBefore().costToServeUsd()).isEqualByComparingTo("23");
        assertThat(r.totalAfter().costToServeUsd()).isEqualByComparingTo("9.37");
        JsonNode json = new ObjectMapper().readTree(r.json());
        assertThat(json.get("customers").get(0).get("customer").asText()).isEqualTo("initech"); // lowest margin after
        assertThat(json.get("totals").get("after").get("margin_usd").asText()).isEqualTo("35.63");
    }

    @Test
    void a_price_cut_names_who_turns_unprofitable_and_the_break_even_price_of_the_plan() throws Exception {
        ScenarioReport r = run("""
                month: 2026-12
                plans:
                  - { name: pro, monthly-usd: "6" }
                switch-model:
                  - { feature: chat, from: gpt-4o, to: gpt-4o-mini }
                """);

        assertThat(r.turnedUnprofitable()).containsExactly("initech"); // 6 - 6.50
        assertThat(r.fellBelowTarget()).containsExactly("initech");
        BreakEven pro = r.breakEven().getFirst();
        // cost 9.37 over 3 customers paying 6 each: 6 + (9.37 - 18) / 3 = 3.1233 -> 3.13; at 50%: 6 + (18.74 - 18) / 3 -> 6.25
        assertThat(pro.breakEvenMonthlyUsd()).isEqualByComparingTo("3.13");
        assertThat(pro.targetMonthlyUsd()).isEqualByComparingTo("6.25");
    }

    @Test
    void growth_a_provider_price_change_a_routing_share_and_a_cache_hit_rate_change_only_what_they_name() throws Exception {
        ScenarioReport r = run("""
                month: 2026-12
                growth:
                  - { customer: globex, factor: "2" }
                price-change:
                  - { provider: openai, factor: "0.5" }
                switch-model:
                  - { feature: search, from: gpt-4o, to: gpt-4o-mini, share: "0.5" }
                cache:
                  - { feature: chat, hit-rate: "0.25" }
                """);

        // globex chat: 4.50 x 2 (growth) x 0.5 (price) x 0.75 (cache) = 3.375
        assertThat(after(r, "globex").apiCostUsd()).isEqualByComparingTo("3.375");
        // initech search: half stays (3.25), half moves to mini (0.075 + 0.12 = 0.195); then openai prices halve
        assertThat(after(r, "initech").apiCostUsd()).isEqualByComparingTo("1.7225");
    }

    @Test
    void a_scenario_file_is_read_as_strictly_as_bursar_yaml() {
        assertThatThrownBy(() -> ScenarioFile.parse("month: 2026-12\nswitch-models: []\n", "s.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("switch-models");
        assertThatThrownBy(() -> run("switch-model:\n  - { from: gpt-4o, to: no-such-model }\nmonth: 2026-12\n"))
                .hasMessageContaining("no-such-model");
    }

    private ScenarioReport run(String yaml) {
        ScenarioFile file = ScenarioFile.parse(yaml, "scenario.yaml");
        return scenario.run(books, file, java.time.YearMonth.parse(file.month()));
    }

    private static ScenarioReport.Change change(ScenarioReport r, String customer) {
        return r.customers().stream().filter(c -> c.customer().equals(customer)).findFirst().orElseThrow();
    }

    private static MarginRow before(ScenarioReport r, String customer) {
        return change(r, customer).before().orElseThrow();
    }

    private static MarginRow after(ScenarioReport r, String customer) {
        return change(r, customer).after().map(Optional::of).orElseThrow().orElseThrow();
    }
}
