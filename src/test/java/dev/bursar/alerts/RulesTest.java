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
        assertThat(Rules.from(configs, books)).extracting(AlertRule::name)
                .containsExactly("failure-rate", "margin-below", "prompt-bloat", "runaway-loop", "spend-above", "spend-spike");
    }
}
