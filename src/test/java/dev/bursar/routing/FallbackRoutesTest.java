package dev.bursar.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bursar.config.BursarConfig;
import dev.bursar.config.ConfigException;
import dev.bursar.config.ConfigLoader;
import dev.bursar.providers.Provider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A model's fallbacks compiled at start into the candidates a request walks, and the configs refused. */
class FallbackRoutesTest {

    static final String PROVIDERS = """
            providers:
              - { name: openai, type: openai, base-url: "http://127.0.0.1:1/v1", api-key: sk-test }
              - { name: openai-eu, type: openai, base-url: "http://127.0.0.1:2/v1", api-key: sk-test }
              - { name: anthropic, type: anthropic, base-url: "http://127.0.0.1:3", api-key: sk-test }
            models:
            """;

    static BursarConfig parse(String modelsYaml) {
        return ConfigLoader.parse(PROVIDERS + modelsYaml.indent(2), Map.of(), "bursar.yaml");
    }

    static ModelRoutes routes(String modelsYaml) {
        Map<String, Provider> providers = Map.of("openai", new RuleRoutingTest.NoCalls("openai"),
                "openai-eu", new RuleRoutingTest.NoCalls("openai-eu"), "anthropic", new RuleRoutingTest.NoCalls("anthropic"));
        return ModelRoutes.build(parse(modelsYaml).models(), providers, Map.of("openai-eu", dev.bursar.providers.Timeouts.whole(Duration.ofSeconds(7))),
                new ModelRoutes.VendorProviders(Map.of("openai", providers.get("openai"), "anthropic", providers.get("anthropic")), null),
                RuleRoutingTest.CATALOG);
    }

    static List<String> candidates(ModelRoutes routes, String model) {
        return routes.resolve(model).orElseThrow().candidates().stream()
                .map(r -> r.requestedModel() + " " + r.priceModel() + "@" + r.provider().name() + " as " + r.upstreamModel())
                .toList();
    }

    @Test
    void the_issue_example_gives_the_primary_then_each_fallback_in_order() {
        ModelRoutes routes = routes("""
                - { name: gpt-4o, provider: openai, fallbacks: [ { model: claude-3-5-sonnet-20241022 }, { model: gpt-4o, provider: openai-eu } ] }
                """);

        assertThat(candidates(routes, "gpt-4o")).containsExactly(
                "gpt-4o gpt-4o@openai as gpt-4o",
                "gpt-4o claude-3-5-sonnet-20241022@anthropic as claude-3-5-sonnet-20241022",
                "gpt-4o gpt-4o@openai-eu as gpt-4o");
        Route eu = routes.resolve("gpt-4o").orElseThrow().fallbacks().get(1);
        assertThat(eu.timeouts()).as("the named provider's own timeouts").isEqualTo(dev.bursar.providers.Timeouts.whole(Duration.ofSeconds(7)));
        assertThat(eu.asFallback("timeout").decision()).isEqualTo("fallback:timeout");
        assertThat(routes.resolve("gpt-4o").orElseThrow().decision()).isEqualTo("primary");
    }

    @Test
    void a_rule_routed_model_brings_the_fallbacks_of_the_model_it_chose() {
        ModelRoutes routes = routes("""
                - { name: gpt-4o, provider: openai, fallbacks: [ { model: gpt-4o, provider: openai-eu } ] }
                - { name: triage, route: { strategy: rules, rules: [], default: gpt-4o } }
                """);

        Route chosen = routes.resolve("triage").orElseThrow();
        assertThat(chosen.decision()).isEqualTo("rule:default");
        assertThat(candidates(routes, "triage")).containsExactly("triage gpt-4o@openai as gpt-4o", "triage gpt-4o@openai-eu as gpt-4o");
    }

    @Test
    void a_fallback_to_a_model_nobody_serves_is_refused_at_start_naming_its_path() {
        assertThatThrownBy(() -> routes("""
                - { name: gpt-4o, provider: openai, fallbacks: [ { model: gpt-4o-mini }, { model: gpt-9-turbo } ] }
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("models[0].fallbacks[1].model")
                .hasMessageContaining("gpt-9-turbo");
    }

    @Test
    void a_fallback_through_an_unknown_provider_is_refused_naming_its_path() {
        assertThatThrownBy(() -> parse("""
                - { name: gpt-4o, provider: openai, fallbacks: [ { model: gpt-4o, provider: openai-us } ] }
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("models[0].fallbacks[0].provider")
                .hasMessageContaining("openai-us");
    }

    @Test
    void a_fallback_may_not_be_a_virtual_model_and_a_virtual_model_has_no_fallbacks() {
        assertThatThrownBy(() -> parse("""
                - { name: triage, route: { strategy: rules, rules: [], default: gpt-4o } }
                - { name: gpt-4o, provider: openai, fallbacks: [ { model: triage } ] }
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("models[1].fallbacks[0].model")
                .hasMessageContaining("virtual");
        assertThatThrownBy(() -> parse("""
                - { name: triage, route: { strategy: rules, rules: [], default: gpt-4o }, fallbacks: [ { model: gpt-4o-mini } ] }
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("fallbacks");
    }

    @Test
    void unknown_keys_in_a_fallback_are_refused() {
        assertThatThrownBy(() -> parse("""
                - { name: gpt-4o, provider: openai, fallbacks: [ { model: gpt-4o-mini, weight: 2 } ] }
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("weight");
    }
}
