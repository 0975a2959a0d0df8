package dev.bursar.books;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bursar.alerts.AlertEngine;
import dev.bursar.alerts.AlertRecord;
import dev.bursar.alerts.AlertRule;
import dev.bursar.alerts.Finding;
import dev.bursar.alerts.RetryPolicy;
import dev.bursar.alerts.RuleContext;
import dev.bursar.alerts.Rules;
import dev.bursar.config.AlertRuleConfig;
import dev.bursar.config.AlertsConfig;
import dev.bursar.ledger.LedgerStats;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The margin-below alert rule reads the margin report: customers or plans under a percent this month. */
class MarginBelowAlertTest {

    static final Instant MID_DECEMBER = Instant.parse("2026-12-20T08:00:00Z");

    @TempDir
    Path dir;
    BooksFixture f;
    Books books;

    @BeforeEach
    void books() {
        f = new BooksFixture(dir);
        f.call("acme", "chat", "gpt-4o", 10, 10, "12", false)  // 15 - 12: 20%
                .call("globex", "chat", "gpt-4o", 10, 10, "3", false)  // 15 - 3: 80%
                .call("free-rider", "chat", "gpt-4o", 10, 10, "1", false);
        books = f.books("""
                plans:
                  - { name: pro, monthly-usd: "15" }
                  - { name: free, monthly-usd: "0", free-tier: true }
                customers:
                  - { id: acme, plan: pro }
                  - { id: globex, plan: pro }
                  - { id: free-rider, plan: free }
                """);
    }

    @AfterEach
    void close() {
        f.close();
    }

    static AlertRuleConfig rule(String scope, String match, String percent) {
        return new AlertRuleConfig("thin-margin", "margin-below", percent == null ? null : new BigDecimal(percent), null, null,
                null, null, null, null, scope, match, null);
    }

    private List<Finding> evaluate(AlertRuleConfig c) {
        AlertRule r = Rules.from(List.of(c), new BooksMargins(books)).getFirst();
        return r.evaluate(new RuleContext(new LedgerStats(f.db), MID_DECEMBER));
    }

    @Test
    void each_customer_below_the_percent_is_a_finding_and_one_without_revenue_is_below_any_target() {
        List<Finding> found = evaluate(rule("customer", "*", "50"));

        assertThat(found).extracting(Finding::scopeValue).containsExactlyInAnyOrder("free-rider", "acme");
        Finding acme = found.stream().filter(x -> x.scopeValue().equals("acme")).findFirst().orElseThrow();
        assertThat(acme.type()).isEqualTo("margin-below");
        assertThat(acme.window()).isEqualTo("month 2026-12");
        assertThat(acme.numbers().get("margin_pct")).isEqualByComparingTo("20");
        assertThat(acme.message()).contains("20%", "below the 50% target");
    }

    @Test
    void a_plan_rule_and_a_matched_customer() {
        // pro: revenue 30, cost 15: 50%; free: no revenue
        assertThat(evaluate(rule("plan", "*", "60"))).extracting(Finding::scopeValue).containsExactlyInAnyOrder("free", "pro");
        assertThat(evaluate(rule("plan", "pro", "40"))).isEmpty();
        assertThat(evaluate(rule("customer", "globex", "90"))).extracting(Finding::scopeValue).containsExactly("globex");
    }

    @Test
    void the_engine_opens_one_alert_per_customer_below_target() {
        AlertsConfig config = new AlertsConfig(null, List.of(rule("customer", "acme", "50")), null);
        AlertEngine engine = new AlertEngine(f.db, new LedgerStats(f.db), config,
                Rules.from(config.rules(), new BooksMargins(books)), Clock.fixed(MID_DECEMBER, ZoneOffset.UTC), RetryPolicy.DEFAULT);

        List<AlertRecord> opened = engine.evaluateNow();
        engine.close();

        assertThat(opened).singleElement().satisfies(a -> assertThat(a.type()).isEqualTo("margin-below"));
    }

    @Test
    void bad_rules_fail_at_start() {
        assertThatThrownBy(() -> Rules.from(List.of(rule("team", "*", "50")), new BooksMargins(books)))
                .hasMessageContaining("scope must be customer or plan");
        assertThat(evaluate(rule("customer", "*", null))).extracting(Finding::scopeValue)
                .containsExactly("free-rider"); // by default: negative margins only
        assertThatThrownBy(() -> Rules.from(List.of(rule("customer", "*", "50"))))
                .hasMessageContaining("needs the books");
    }
}
