package dev.bursar.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bursar.config.AlertRuleConfig;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RulesTest {

    static AlertRuleConfig spendAbove(String scope, String usd, String window) {
        return new AlertRuleConfig("r", "spend-above", null, usd == null ? null : new BigDecimal(usd), null, null, null,
                null, null, scope, null, window);
    }

    @ParameterizedTest(name = "scope={0} usd={1} window={2}: {3}")
    @CsvSource(nullValues = "-", value = {
            "team,     10, day,  scope must be one of [customer, environment, feature, key, model]",
            "-,        10, day,  scope must be one of",
            "customer, -,  day,  usd is required",
            "customer, 10, week, window must be hour, day or month (UTC), got week",
            "customer, -1, day,  usd must not be negative"})
    void spend_above_config_errors_say_what_to_fix(String scope, String usd, String window, String message) {
        assertThatThrownBy(() -> Rules.from(spendAbove(scope, usd, window)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("alert rule 'r' (spend-above): ")
                .hasMessageContaining(message);
    }

    @Test
    void a_zero_count_is_refused() {
        AlertRuleConfig c = new AlertRuleConfig("loop", "runaway-loop", null, null, null, 0, null, null, null, null, null,
                null);
        assertThatThrownBy(() -> Rules.from(c)).hasMessageContaining("count must be at least 1, got 0");
    }

    @Test
    void two_rules_with_one_name_are_refused_because_their_alerts_would_resolve_each_other() {
        AlertRuleConfig a = new AlertRuleConfig(null, "runaway-loop", null, null, null, null, null, null, null, null,
                null, null);
        assertThatThrownBy(() -> Rules.from(List.of(a, a))).hasMessageContaining("two rules are named 'runaway-loop'");
    }

    @Test
    void every_type_builds_with_defaults_and_keeps_its_name() {
        List<AlertRuleConfig> configs = AlertRuleConfig.TYPES.stream().sorted()
                .map(t -> new AlertRuleConfig(null, t, null, t.equals("spend-above") ? BigDecimal.TEN : null, null, null,
                        null, null, null, t.equals("spend-above") ? "customer" : null, null, null))
                .toList();

        MarginSource books = (scope, from, to) -> List.of();
        DriftSource reconciled = (from, to) -> List.of();
        assertThat(Rules.from(configs, books, reconciled)).extracting(AlertRule::name)
                .containsExactly("failure-rate", "margin-below", "prompt-bloat", "reconcile-drift", "runaway-loop",
                        "spend-above", "spend-spike");
    }

    @Test
    void reconcile_drift_fires_past_both_the_percent_and_the_dollar_floor_per_provider_and_day() {
        java.time.LocalDate day = java.time.LocalDate.parse("2026-12-02");
        DriftSource reconciled = (from, to) -> List.of(
                new DriftSource.Day(day, "openai", new BigDecimal("100"), new BigDecimal("97"), List.of("gpt-4o")),
                new DriftSource.Day(day, "anthropic", new BigDecimal("100"), new BigDecimal("99.5"), List.of()),
                new DriftSource.Day(day, "deepseek", new BigDecimal("2"), new BigDecimal("1.2"), List.of()));
        AlertRuleConfig c = new AlertRuleConfig("drift", "reconcile-drift", new BigDecimal("2"), null, new BigDecimal("1"),
                null, null, null, null, null, null, null);
        AlertRule rule = Rules.from(List.of(c), MarginSource.NONE, reconciled).getFirst();

        List<Finding> found = rule.evaluate(new RuleContext(null, java.time.Instant.parse("2026-12-03T07:00:00Z")));

        // openai: $3 and 3% (both past); anthropic: 0.5% and $0.50 (neither); deepseek: 40% but only $0.80
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.scopeValue()).isEqualTo("openai");
            assertThat(f.window()).isEqualTo("day 2026-12-02");
            assertThat(f.value()).isEqualByComparingTo("3");
            assertThat(f.numbers().get("difference_pct")).isEqualByComparingTo("3");
            assertThat(f.message()).contains("gpt-4o");
        });
        assertThatThrownBy(() -> Rules.from(List.of(c))).hasMessageContaining("needs scheduled reconciliation");
    }
}
