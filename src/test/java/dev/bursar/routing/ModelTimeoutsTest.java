package dev.bursar.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bursar.config.BursarConfig;
import dev.bursar.config.ConfigException;
import dev.bursar.config.ConfigLoader;
import dev.bursar.config.ProviderConfig;
import dev.bursar.providers.Provider;
import dev.bursar.providers.Timeouts;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A model's own timeouts override its provider's key by key; its fallbacks keep their providers' timeouts. */
class ModelTimeoutsTest {

    static ModelRoutes routes(String yaml) {
        BursarConfig config = ConfigLoader.parse(yaml, Map.of(), "bursar.yaml");
        Map<String, Provider> providers = Map.of("openai", new RuleRoutingTest.NoCalls("openai"),
                "anthropic", new RuleRoutingTest.NoCalls("anthropic"));
        Map<String, Timeouts> timeouts = new HashMap<>();
        for (ProviderConfig pc : config.providers()) {
            timeouts.put(pc.name(), Timeouts.of(pc, config.resilience().timeouts()));
        }
        return ModelRoutes.build(config.models(), providers, timeouts,
                new ModelRoutes.VendorProviders(Map.of("openai", providers.get("openai"), "anthropic", providers.get("anthropic")), null),
                RuleRoutingTest.CATALOG);
    }

    @Test
    void a_slow_model_waits_longer_for_its_first_token_than_its_provider_allows_and_keeps_the_rest() {
        ModelRoutes routes = routes("""
                resilience: { timeouts: { connect: 2s, between-events: 30s } }
                providers:
                  - { name: openai, type: openai, base-url: "http://127.0.0.1:1/v1", api-key: sk-test, timeouts: { first-token: 20s } }
                  - { name: anthropic, type: anthropic, base-url: "http://127.0.0.1:3", api-key: sk-test }
                models:
                  - { name: gpt-4o, provider: openai }
                  - { name: o1, provider: openai, timeouts: { first-token: 90s, total: 300s }, fallbacks: [ { model: claude-3-5-sonnet-20241022 } ] }
                """);

        Timeouts plain = routes.resolve("gpt-4o").orElseThrow().timeouts();
        Route slow = routes.resolve("o1").orElseThrow();

        assertThat(plain.firstToken()).isEqualTo(Duration.ofSeconds(20));
        assertThat(slow.timeouts().firstToken()).isEqualTo(Duration.ofSeconds(90));
        assertThat(slow.timeouts().total(false)).isEqualTo(Duration.ofSeconds(300));
        assertThat(slow.timeouts().total(true)).isEqualTo(Duration.ofSeconds(300));
        assertThat(slow.timeouts().connect()).as("from resilience.timeouts").isEqualTo(Duration.ofSeconds(2));
        assertThat(slow.timeouts().betweenEvents()).as("from resilience.timeouts").isEqualTo(Duration.ofSeconds(30));
        assertThat(slow.fallbacks().getFirst().timeouts().firstToken()).as("the fallback's own provider's")
                .isEqualTo(Timeouts.DEFAULT_FIRST_TOKEN);
    }

    @Test
    void an_unknown_key_in_a_models_timeouts_is_named_by_its_path() {
        assertThatThrownBy(() -> ConfigLoader.parse("""
                providers: [ { name: openai, type: openai, api-key: sk-test } ]
                models:
                  - { name: o1, provider: openai, timeouts: { first-tokn: 90s } }
                """, Map.of(), "bursar.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("models[0].timeouts.first-tokn");
    }
}
