package dev.bursar.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {

    private static final String ISSUE_EXAMPLE = """
            server:   { host: 127.0.0.1, port: 4400 }
            storage:  { sqlite: ./bursar-data/bursar.db }
            providers:
              - { name: openai, type: openai, base-url: https://api.openai.com/v1, api-key: "${OPENAI_API_KEY}" }
              - { name: anthropic, type: anthropic, base-url: https://api.anthropic.com, api-key: "${ANTHROPIC_API_KEY}" }
              - { name: sim, type: sim }
            models:
              - { name: gpt-4o-mini, provider: openai }
              - { name: fast, provider: anthropic, upstream: claude-3-5-haiku-20241022 }
            keys:
              - { key: "${APP_KEY}", customer: acme, feature: chat, environment: prod }
            """;

    private static final Map<String, String> ENV = Map.of(
            "OPENAI_API_KEY", "sk-openai", "ANTHROPIC_API_KEY", "sk-ant", "APP_KEY", "app-secret");

    @Test
    void the_documented_example_parses_into_typed_records_with_secrets_from_the_environment() {
        BursarConfig c = ConfigLoader.parse(ISSUE_EXAMPLE, ENV, "bursar.yaml");

        assertThat(c.server().port()).isEqualTo(4400);
        assertThat(c.storage().sqlite()).isEqualTo("./bursar-data/bursar.db");
        assertThat(c.providers()).extracting(ProviderConfig::name).containsExactly("openai", "anthropic", "sim");
        assertThat(c.providers().get(0).apiKey()).isEqualTo("sk-openai");
        assertThat(c.providers().get(0).baseUrl()).isEqualTo("https://api.openai.com/v1");
        assertThat(c.models().get(0).upstream()).as("upstream defaults to the name").isEqualTo("gpt-4o-mini");
        assertThat(c.models().get(1).upstream()).isEqualTo("claude-3-5-haiku-20241022");
        assertThat(c.keys().get(0).key()).isEqualTo("app-secret");
        assertThat(c.keys().get(0).customer()).isEqualTo("acme");
    }

    @Test
    void an_unknown_key_fails_with_its_path() {
        String yaml = "providers:\n  - { name: sim, type: sim, base-urll: http://x }\n";

        assertThatThrownBy(() -> ConfigLoader.parse(yaml, ENV, "bursar.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("providers[0].base-urll")
                .hasMessageContaining("base-url");
    }

    @Test
    void a_missing_environment_variable_is_named() {
        // The providers' unset keys only leave them out (UnsetVariablesAndDefaultsTest); a client key's is an error.
        assertThatThrownBy(() -> ConfigLoader.parse(ISSUE_EXAMPLE, Map.of(), "bursar.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("APP_KEY")
                .hasMessageContaining("keys[0].key");
    }

    @Test
    void a_model_on_an_unknown_provider_is_refused() {
        String yaml = "providers: [ { name: sim, type: sim } ]\nmodels: [ { name: m, provider: nope } ]\n";

        assertThatThrownBy(() -> ConfigLoader.parse(yaml, ENV, "bursar.yaml"))
                .hasMessageContaining("models[0].provider")
                .hasMessageContaining("nope");
    }

    @Test
    void bad_values_name_their_path() {
        assertThatThrownBy(() -> ConfigLoader.parse("server: { port: 99999 }\n", ENV, "f.yaml"))
                .hasMessageContaining("server")
                .hasMessageContaining("0..65535");
        assertThatThrownBy(() -> ConfigLoader.parse("providers: [ { name: x, type: bedrock } ]\n", ENV, "f.yaml"))
                .hasMessageContaining("providers[0].type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bedrock", "OpenAI", "'sim '"})
    void a_provider_type_is_one_of_the_known_labels_spelled_exactly(String type) {
        String yaml = "providers: [ { name: x, type: " + type + " } ]\n";

        assertThatThrownBy(() -> ConfigLoader.parse(yaml, ENV, "f.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("f.yaml: bad value at 'providers[0].type': ")
                .hasMessageContaining("must be one of [anthropic, gemini, openai, sim]")
                .hasMessageContaining("got '" + type.replace("'", "") + "'");
    }

    @Test
    void a_provider_without_a_type_is_told_the_allowed_types() {
        assertThatThrownBy(() -> ConfigLoader.parse("providers: [ { name: x } ]\n", ENV, "f.yaml"))
                .hasMessage("f.yaml: 'providers[0].type' must be one of [anthropic, gemini, openai, sim], got nothing");
    }

    @Test
    void each_provider_type_label_parses_to_its_type() {
        String yaml = """
                providers:
                  - { name: a, type: openai }
                  - { name: b, type: anthropic }
                  - { name: c, type: gemini }
                  - { name: d, type: sim }
                """;

        assertThat(ConfigLoader.parse(yaml, ENV, "f.yaml").providers()).extracting(ProviderConfig::type)
                .containsExactly(ProviderType.OPENAI, ProviderType.ANTHROPIC, ProviderType.GEMINI, ProviderType.SIM);
    }

    @Test
    void durations_and_sim_settings_parse() {
        String yaml = """
                providers:
                  - name: sim
                    type: sim
                    timeout: 250ms
                    sim: { ttft-millis: 200, tokens-per-second: 50, rate-limit-rate: 0.1, server-error-rate: 0, timeout-rate: 0, cut-stream-rate: 0, seed: 7 }
                """;
        ProviderConfig p = ConfigLoader.parse(yaml, ENV, "f.yaml").providers().get(0);

        assertThat(p.timeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(p.sim().ttftMillis()).isEqualTo(200);
        assertThat(p.sim().rateLimitRate()).isEqualTo(0.1);
    }

    @Test
    void an_empty_file_means_defaults() {
        BursarConfig c = ConfigLoader.parse("", ENV, "f.yaml");
        assertThat(c.server().port()).isEqualTo(ServerConfig.DEFAULT_PORT);
        assertThat(c.storage().sqlite()).isEqualTo(StorageConfig.DEFAULT_SQLITE);
    }

    @Test
    void the_spend_controls_example_parses_with_exact_money() {
        String yaml = """
                storage: { postgres: "jdbc:postgresql://127.0.0.1:5432/bursar" }
                redis: "redis://127.0.0.1:6379"
                budgets:
                  - { scope: customer, match: acme, window: month, limit-usd: "100.00", alert-at: [0.5, 0.8, 1.0] }
                  - { scope: customer, match: "*", window: day, limit-usd: "5.00" }
                  - { scope: global, window: day, limit-usd: "1000" }
                rate-limits:
                  - { scope: key, match: "*", rpm: 600, tpm: 200000 }
                alerts:
                  webhooks: [ { url: "http://127.0.0.1:9999/hook", format: slack } ]
                """;
        BursarConfig c = ConfigLoader.parse(yaml, ENV, "bursar.yaml");

        assertThat(c.redis().url()).isEqualTo("redis://127.0.0.1:6379");
        assertThat(c.budgets()).hasSize(3);
        assertThat(c.budgets().get(0).limitUsd()).isEqualByComparingTo("100.00");
        assertThat(c.budgets().get(0).alertAt()).usingElementComparator(java.math.BigDecimal::compareTo)
                .containsExactly(new java.math.BigDecimal("0.5"), new java.math.BigDecimal("0.8"), java.math.BigDecimal.ONE);
        assertThat(c.budgets().get(0).hard()).isTrue();
        assertThat(c.budgets().get(0).onStoreDown()).isEqualTo("closed");
        assertThat(c.budgets().get(2).match()).isEqualTo("*");
        assertThat(c.rateLimits().get(0).rpm()).isEqualTo(600);
        assertThat(c.alerts().webhooks().get(0).format()).isEqualTo("slack");
    }

    @Test
    void a_budget_amount_written_as_a_number_stays_exact() {
        BursarConfig c = ConfigLoader.parse("budgets: [ { scope: global, window: day, limit-usd: 0.1 } ]\n", ENV, "f.yaml");
        assertThat(c.budgets().get(0).limitUsd().toPlainString()).isEqualTo("0.1");
    }

    @Test
    void bad_budget_and_redis_settings_name_their_path() {
        assertThatThrownBy(() -> ConfigLoader.parse("budgets: [ { scope: planet, limit-usd: 1 } ]\n", ENV, "f.yaml"))
                .hasMessageContaining("budgets[0]").hasMessageContaining("scope");
        assertThatThrownBy(() -> ConfigLoader.parse("budgets: [ { scope: global, window: week, limit-usd: 1 } ]\n", ENV, "f.yaml"))
                .hasMessageContaining("rolling-Nh");
        assertThatThrownBy(() -> ConfigLoader.parse("redis: { url: \"redis://x\", db: 3 }\n", ENV, "f.yaml"))
                .hasMessageContaining("redis").hasMessageContaining("db");
    }
}
