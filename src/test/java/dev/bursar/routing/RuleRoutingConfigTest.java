package dev.bursar.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bursar.config.ConfigException;
import dev.bursar.config.ConfigLoader;
import dev.bursar.config.ModelConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A virtual model that cannot work stops the start, and the message names the path and what is allowed. */
class RuleRoutingConfigTest {

    static String config(String models) {
        return """
                providers:
                  - { name: openai, type: openai, base-url: "http://127.0.0.1:1/v1", api-key: sk-test }
                models:
                """ + models.indent(2);
    }

    static void refused(String models, String... messageParts) {
        assertThatThrownBy(() -> RuleRoutingTest.routes(models))
                .isInstanceOf(ConfigException.class)
                .hasMessageContainingAll(messageParts);
    }

    @Test
    void the_issue_example_parses_into_a_virtual_model() {
        ModelConfig triage = ConfigLoader.parse(config("""
                - name: triage
                  route:
                    strategy: rules
                    rules:
                      - { when: { feature: summarize, max-input-tokens: 2000 }, model: gpt-4o-mini }
                      - { when: { customer: [acme, globex] }, model: gpt-4o }
                    default: gpt-4o-mini
                """), Map.of(), "bursar.yaml").models().get(0);

        assertThat(triage.virtual()).isTrue();
        assertThat(triage.provider()).isNull();
        assertThat(triage.route().defaultModel()).isEqualTo("gpt-4o-mini");
        assertThat(triage.route().rules().get(0).when().feature()).containsExactly("summarize");
        assertThat(triage.route().rules().get(0).when().maxInputTokens()).isEqualTo(2000L);
        assertThat(triage.route().rules().get(1).when().customer()).containsExactly("acme", "globex");
    }

    @Test
    void an_unknown_condition_key_is_refused_with_its_path_and_the_known_keys() {
        refused("""
                - name: triage
                  route: { strategy: rules, rules: [ { when: { costumer: acme }, model: gpt-4o } ], default: gpt-4o-mini }
                """, "models[0].route.rules[0].when.costumer", "customer", "max-input-tokens", "has-tools", "header");
    }

    @Test
    void a_rule_to_a_model_the_gateway_does_not_serve_is_refused_with_the_closest_names() {
        refused("""
                - name: triage
                  route: { strategy: rules, rules: [ { when: { customer: acme }, model: gpt-4o-mni } ], default: gpt-4o-mini }
                """, "models[0].route.rules[0].model", "'gpt-4o-mni'", "not a model this gateway serves", "gpt-4o-mini");
    }

    @Test
    void a_default_the_gateway_does_not_serve_is_refused() {
        refused("""
                - name: triage
                  route: { strategy: rules, rules: [], default: gtp-4o }
                """, "models[0].route.default", "'gtp-4o'", "did you mean", "gpt-4o");
    }

    @Test
    void a_model_with_both_a_route_and_a_provider_is_refused_naming_its_path() {
        refused("""
                - name: triage
                  provider: openai
                  route: { strategy: rules, default: gpt-4o-mini }
                """, "models[0]", "exactly one of 'provider'", "'route'", "not both");
    }

    @Test
    void a_model_with_neither_is_refused() {
        refused("""
                - { name: triage }
                """, "models[0]", "got neither");
    }

    @Test
    void a_strategy_other_than_rules_or_learned_is_refused_with_the_allowed_list() {
        refused("""
                - name: triage
                  route: { strategy: cheapest, default: gpt-4o-mini }
                """, "models[0].route", "[rules, learned]", "'cheapest'");
    }

    @Test
    void a_rule_may_not_route_to_another_virtual_model() {
        refused("""
                - name: cheap
                  route: { strategy: rules, default: gpt-4o-mini }
                - name: triage
                  route: { strategy: rules, rules: [ { when: { team: search }, model: cheap } ], default: gpt-4o }
                """, "models[1].route.rules[0].model", "'cheap'", "virtual model");
    }

    @Test
    void a_virtual_model_has_no_upstream_of_its_own() {
        refused("""
                - name: triage
                  upstream: gpt-4o
                  route: { strategy: rules, default: gpt-4o-mini }
                """, "models[0]", "'upstream' and 'price-as' belong to the models it routes to");
    }
}
