package dev.bursar.books;

import static dev.bursar.books.BooksFixture.december;
import static dev.bursar.books.BooksFixture.keys;
import static dev.bursar.books.BooksFixture.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bursar.config.CostConfig;
import dev.bursar.config.CustomerConfig;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarginReportTest {

    static final String PLANS = """
            plans:
              - { name: pro, monthly-usd: "15", target-margin-pct: "80" }
              - { name: team, monthly-usd: "10", per-seat-usd: "5", included-requests: 2, overage-usd: "0.5" }
              - { name: free, monthly-usd: "0", free-tier: true }
            customers:
              - { id: acme, plan: pro }
              - { id: globex, plan: team, seats: 3 }
              - { id: hobbyist, plan: free }
            """;

    @TempDir
    Path dir;
    BooksFixture f;

    @BeforeEach
    void ledger() {
        f = new BooksFixture(dir);
        f.call("acme", "chat", "gpt-4o", 1000, 100, "2", false)
                .call("acme", "chat", "gpt-4o", 1000, 100, "1", true)
                .call("globex", "search", "gpt-4o-mini", 1000, 100, "1", false)
                .call("globex", "search", "gpt-4o-mini", 1000, 100, "1", false)
                .call("globex", "chat", "gpt-4o-mini", 1000, 100, "2", false)
                .call("hobbyist", "chat", "gpt-4o", 1000, 100, "4", false);
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void a_free_tier_customer_shows_its_full_cost_and_comes_first_with_its_negative_margin() {
        Books books = f.books(PLANS + """
                costs:
                  - { name: servers, category: infrastructure, monthly-usd: "30", allocate: by-active-customers }
                """);

        MarginReport r = december(books, MarginGroup.CUSTOMER, null);

        assertThat(keys(r).getFirst()).isEqualTo("hobbyist");
        MarginRow free = row(r, "hobbyist");
        assertThat(free.freeTier()).isTrue();
        assertThat(free.revenueUsd()).isEqualByComparingTo("0");
        assertThat(free.apiCostUsd()).isEqualByComparingTo("4");
        assertThat(free.allocatedByCategory().get("infrastructure")).isEqualByComparingTo("10");
        assertThat(free.costToServeUsd()).isEqualByComparingTo("14");
        assertThat(free.marginUsd()).isEqualByComparingTo("-14");
        assertThat(free.status()).isEqualTo("negative");
        assertThat(free.marginPct()).isEmpty();
    }

    @Test
    void wasted_spend_is_its_own_line_and_never_counted_twice() {
        MarginReport r = december(f.books(PLANS), MarginGroup.CUSTOMER, null);

        MarginRow acme = row(r, "acme");
        assertThat(acme.apiCostUsd()).isEqualByComparingTo("2");
        assertThat(acme.failedUsd()).isEqualByComparingTo("1");
        assertThat(acme.costToServeUsd()).isEqualByComparingTo("3");
        assertThat(r.totals().costToServeUsd()).isEqualByComparingTo("11"); // the ledger's whole month: 2+1+1+1+2+4
    }

    @Test
    void revenue_follows_the_plan_flat_per_seat_and_overage() {
        MarginReport r = december(f.books(PLANS), MarginGroup.CUSTOMER, null);

        assertThat(row(r, "acme").revenueUsd()).isEqualByComparingTo("15");
        // team: 10 + 3 seats x 5 + (3 requests - 2 included) x 0.50
        assertThat(row(r, "globex").revenueUsd()).isEqualByComparingTo("25.5");
        assertThat(row(r, "globex").marginPct()).contains(new BigDecimal("84.31"));
    }

    @Test
    void customers_below_their_target_come_before_those_above_it() {
        Books books = f.books(PLANS + """
                costs:
                  - { name: support desk, category: other, monthly-usd: "20", allocate: "fixed:acme=1" }
                """);

        MarginReport r = december(books, MarginGroup.CUSTOMER, null);

        assertThat(keys(r)).containsExactly("hobbyist", "acme", "globex");
        assertThat(row(r, "acme").status()).isEqualTo("negative"); // 15 - (3 + 20)
        MarginReport withTarget = december(books, MarginGroup.CUSTOMER, "90");
        assertThat(row(withTarget, "globex").status()).isEqualTo("below-target");
    }

    @Test
    void fixed_shares_split_exactly_and_what_they_leave_stays_in_the_totals() {
        Books books = f.books(PLANS + """
                costs:
                  - { name: contract, category: engineering, monthly-usd: "100", allocate: "fixed:acme=0.5,globex=0.25" }
                  - { name: office, category: other, monthly-usd: "7", allocate: unallocated }
                """);

        MarginReport r = december(books, MarginGroup.CUSTOMER, null);

        assertThat(row(r, "acme").allocatedByCategory().get("engineering")).isEqualByComparingTo("50");
        assertThat(row(r, "globex").allocatedByCategory().get("engineering")).isEqualByComparingTo("25");
        assertThat(r.totals().unallocatedUsd()).isEqualByComparingTo("32");
        assertThat(r.totals().costToServeUsd()).isEqualByComparingTo("118"); // 11 + 100 + 7
    }

    @Test
    void an_amount_split_three_ways_adds_up_to_the_last_picodollar() {
        Books books = f.books(PLANS + """
                costs:
                  - { name: datadog, category: monitoring, monthly-usd: "100", allocate: by-active-customers }
                """);

        MarginReport r = december(books, MarginGroup.CUSTOMER, null);

        List<BigDecimal> parts = r.rows().stream().map(x -> x.allocatedByCategory().get("monitoring")).toList();
        assertThat(parts).allMatch(p -> p.subtract(new BigDecimal("33.333333333333")).abs().compareTo(new BigDecimal("0.000000000001")) <= 0);
        assertThat(parts.stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("100");
    }

    @Test
    void dev_and_test_traffic_is_a_cost_of_the_product_spread_by_spend_not_the_naming_customers_api_cost() {
        f.call("acme", "chat", "staging", "gpt-4o", 10, 10, "6", false);

        MarginReport r = december(f.books(PLANS), MarginGroup.CUSTOMER, null);

        assertThat(row(r, "acme").apiCostUsd()).isEqualByComparingTo("2");
        assertThat(r.tco()).anyMatch(l -> l.category().equals("dev-test") && l.usd().compareTo(new BigDecimal("6")) == 0);
        assertThat(r.totals().allocatedByCategory().get("dev-test")).isEqualByComparingTo("6");
        // hobbyist spent 4 of the 11 production dollars: 6 x 4 / 11, to the picodollar
        assertThat(row(r, "hobbyist").allocatedByCategory().get("dev-test"))
                .isCloseTo(new BigDecimal("2.181818181818"), org.assertj.core.data.Offset.offset(new BigDecimal("0.000000000001")));
    }

    @Test
    void grouping_by_plan_or_feature_keeps_the_same_totals() {
        Books books = f.books(PLANS + """
                costs:
                  - { name: servers, category: infrastructure, monthly-usd: "30", allocate: by-requests }
                """);

        MarginReport byCustomer = december(books, MarginGroup.CUSTOMER, null);
        MarginReport byPlan = december(books, MarginGroup.PLAN, null);
        MarginReport byFeature = december(books, MarginGroup.FEATURE, null);

        assertThat(keys(byPlan)).containsExactlyInAnyOrder("pro", "team", "free");
        assertThat(keys(byFeature)).containsExactlyInAnyOrder("chat", "search");
        for (MarginReport r : List.of(byPlan, byFeature)) {
            assertThat(r.totals().costToServeUsd()).isEqualByComparingTo(byCustomer.totals().costToServeUsd());
            assertThat(r.totals().revenueUsd()).isEqualByComparingTo(byCustomer.totals().revenueUsd());
        }
        assertThat(row(byPlan, "team").customers()).isEqualTo(1);
    }

    @Test
    void imported_revenue_replaces_the_plan_price_for_that_month() {
        Books books = f.books(PLANS);
        books.importRevenue(List.of(new RevenueLine("acme", YearMonth.of(2026, 12), new BigDecimal("40"), "csv", "inv-1"),
                new RevenueLine("acme", YearMonth.of(2026, 11), new BigDecimal("99"), "csv", "inv-0")));

        assertThat(row(december(books, MarginGroup.CUSTOMER, null), "acme").revenueUsd()).isEqualByComparingTo("40");
    }

    @Test
    void half_a_month_counts_half_of_the_monthly_amounts() {
        Books books = f.books(PLANS + """
                costs:
                  - { name: servers, category: infrastructure, monthly-usd: "31", allocate: unallocated }
                """);

        MarginReport r = books.margin(new Books.MarginQuery(Period.start(BooksFixture.DECEMBER),
                Period.start(BooksFixture.DECEMBER).plusSeconds(86_400L * 10), MarginGroup.CUSTOMER, null));

        assertThat(r.month()).isEmpty();
        assertThat(r.totals().unallocatedUsd()).isEqualByComparingTo("10");
        assertThat(row(r, "acme").revenueUsd()).isEqualByComparingTo(new BigDecimal("150").divide(new BigDecimal("31"), 12, java.math.RoundingMode.HALF_EVEN));
    }

    @Test
    void items_of_bursar_yaml_are_read_only_and_stored_items_live_beside_them() {
        Books books = f.books(PLANS + """
                costs:
                  - { name: servers, category: infrastructure, monthly-usd: "30", allocate: by-requests }
                """);

        assertThatThrownBy(() -> books.removeCost("servers")).isInstanceOf(BooksConflict.class).hasMessageContaining("bursar.yaml");
        assertThatThrownBy(() -> books.putCost(new CostConfig("servers", "other", null, BigDecimal.ONE, null, null, null, null)))
                .isInstanceOf(BooksConflict.class);
        books.putCost(new CostConfig("sentry", "monitoring", "errors", new BigDecimal("26"), null, "2026-12", null, "by-spend"));
        books.putCustomers(List.of(new CustomerConfig("initech", "pro", 2)));

        Books reopened = f.books(PLANS);
        assertThat(reopened.costs()).extracting(CostItem::name).containsExactly("sentry");
        assertThat(reopened.costs().getFirst().monthlyUsd()).isEqualByComparingTo("26");
        assertThat(reopened.customers()).extracting(Customer::id).contains("initech");
        assertThat(reopened.removeCost("sentry")).isTrue();
        assertThat(reopened.removeCost("sentry")).isFalse();
        assertThatThrownBy(() -> reopened.putCustomers(List.of(new CustomerConfig("x", "nope", 1))))
                .hasMessageContaining("no plan named 'nope'");
    }

    @Test
    void a_customer_on_a_plan_the_file_does_not_name_fails_the_start() {
        assertThatThrownBy(() -> f.books("customers:\n  - { id: acme, plan: gold }\n"))
                .hasMessageContaining("plan 'gold'");
    }
}
