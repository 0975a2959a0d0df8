package dev.bursar.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What loads when a setting or a secret is left out, and what still refuses to start. */
class UnsetVariablesAndDefaultsTest {

    private static final String TWO_VENDORS = """
            providers:
              - { name: openai, type: openai, api-key: "${OPENAI_API_KEY}" }
              - { name: anthropic, type: anthropic, api-key: "${ANTHROPIC_API_KEY}" }
            models:
              - { name: gpt-4o-mini, provider: openai }
              - { name: fast, provider: anthropic, upstream: claude-3-5-haiku-20241022 }
            """;

    private final List<String> warnings = new ArrayList<>();

    @Test
    void a_sim_with_only_some_settings_takes_defaults_for_the_rest() {
        BursarConfig c = parse("providers: [ { name: sim, type: sim, sim: { ttft-millis: 300, tokens-per-second: 80 } } ]",
                Map.of());

        SimConfig sim = c.providers().get(0).sim();
        assertThat(sim.ttftMillis()).isEqualTo(300);
        assertThat(sim.tokensPerSecond()).isEqualTo(80);
        assertThat(sim).isEqualTo(new SimConfig(300, 80, 0, 0, 0, 0, SimConfig.defaults().seed()));
    }

    @Test
    void a_bad_sim_setting_is_named_and_no_setting_the_user_left_out_is() {
        assertThatThrownBy(() -> parse("providers: [ { name: sim, type: sim, sim: { ttft-millis: 300, tokens-per-second: -5 } } ]",
                Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tokens-per-second")
                .hasMessageNotContaining("rate-limit-rate").hasMessageNotContaining("seed");
        assertThatThrownBy(() -> parse("providers: [ { name: sim, type: sim, sim: { timeout-rate: 1.5 } } ]", Map.of()))
                .hasMessageContaining("timeout-rate").hasMessageContaining("between 0 and 1")
                .hasMessageNotContaining("ttft-millis");
    }

    @Test
    void a_provider_whose_key_variable_is_unset_is_left_out_and_its_models_go_to_the_sim() {
        BursarConfig c = parse(TWO_VENDORS, Map.of("ANTHROPIC_API_KEY", "sk-ant"));

        assertThat(c.providers()).extracting(ProviderConfig::name).containsExactly("anthropic", "sim");
        assertThat(c.providers().get(1).type()).isEqualTo(ProviderType.SIM);
        assertThat(c.models().get(0).provider()).isEqualTo("sim");
        assertThat(c.models().get(0).upstream()).isEqualTo("gpt-4o-mini");
        assertThat(c.models().get(1).provider()).isEqualTo("anthropic");
        assertThat(warnings).singleElement().asString()
                .contains("provider 'openai' left out", "OPENAI_API_KEY", "not set", "[gpt-4o-mini]", "sim");
    }

    @Test
    void models_of_a_left_out_provider_go_to_the_configured_sim() {
        BursarConfig c = parse(TWO_VENDORS.replace("providers:",
                "providers:\n  - { name: offline, type: sim, sim: { ttft-millis: 1 } }"), Map.of());

        assertThat(c.providers()).extracting(ProviderConfig::name).containsExactly("offline");
        assertThat(c.models()).extracting(ModelConfig::provider).containsOnly("offline");
        assertThat(warnings).hasSize(2);
    }

    @Test
    void a_key_written_literally_or_set_in_the_environment_is_kept_as_it_is() {
        BursarConfig c = parse("""
                providers:
                  - { name: openai, type: openai, api-key: sk-wrong-but-literal }
                  - { name: anthropic, type: anthropic, api-key: "${ANTHROPIC_API_KEY}" }
                """, Map.of("ANTHROPIC_API_KEY", "sk-also-wrong"));

        assertThat(c.providers()).extracting(ProviderConfig::apiKey).containsExactly("sk-wrong-but-literal", "sk-also-wrong");
        assertThat(warnings).isEmpty();
    }

    @Test
    void an_unset_variable_anywhere_else_still_stops_the_start() {
        assertThatThrownBy(() -> parse("providers: [ { name: up, type: openai, base-url: \"${UP_URL}\", api-key: k } ]",
                Map.of()))
                .hasMessageContaining("providers[0].base-url").hasMessageContaining("UP_URL");
        assertThatThrownBy(() -> parse("keys: [ { key: \"${APP_KEY}\", customer: acme } ]", Map.of()))
                .as("a client key is never dropped: that would leave the gateway open")
                .hasMessageContaining("keys[0].key").hasMessageContaining("APP_KEY");
    }

    @Test
    void errors_after_a_left_out_provider_still_name_the_users_own_index() {
        assertThatThrownBy(() -> parse("""
                providers:
                  - { name: openai, type: openai, api-key: "${OPENAI_API_KEY}" }
                  - { name: sim, type: sim, sim: { seed: many } }
                """, Map.of()))
                .hasMessageContaining("providers[1].sim.seed");
    }

    private BursarConfig parse(String yaml, Map<String, String> env) {
        return ConfigLoader.parse(yaml, env, "bursar.yaml", warnings::add);
    }
}
