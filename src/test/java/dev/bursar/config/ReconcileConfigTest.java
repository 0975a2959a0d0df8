package dev.bursar.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code reconcile:} as a user writes it: admin keys from the environment, defaults, strict keys. */
class ReconcileConfigTest {

    static final String DOCUMENTED = """
            reconcile: { openai: { admin-key: "${OPENAI_ADMIN_KEY}" }, anthropic: { admin-key: "${ANTHROPIC_ADMIN_KEY}" }, every: 1d }
            """;

    @Test
    void theDocumentedFormReadsBothAdminKeysFromTheEnvironmentWithDefaults() {
        ReconcileConfig r = ConfigLoader.parse(DOCUMENTED,
                Map.of("OPENAI_ADMIN_KEY", "sk-admin-1", "ANTHROPIC_ADMIN_KEY", "sk-ant-admin-2"), "t.yaml").reconcile();

        assertThat(r.enabled()).isTrue();
        assertThat(r.admins()).containsOnlyKeys("openai", "anthropic");
        assertThat(r.openai().adminKey()).isEqualTo("sk-admin-1");
        assertThat(r.anthropic().adminKey()).isEqualTo("sk-ant-admin-2");
        assertThat(r.every()).isEqualTo(Duration.ofDays(1));
        assertThat(r.hour()).isEqualTo(6);
        assertThat(r.percent()).isEqualByComparingTo("1");
        assertThat(r.minUsd()).isEqualByComparingTo("0.01");
        assertThat(r.retryDays()).isEqualTo(7);
    }

    @Test
    void theIssuesOneLineFormWithBareReferencesReadsTheSame() {
        String asWritten = """
                reconcile: { openai: { admin-key: ${OPENAI_ADMIN_KEY} }, anthropic: { admin-key: ${ANTHROPIC_ADMIN_KEY} }, every: 1d }
                providers:
                  - name: s   # a comment: ${NOT_A_REFERENCE}
                    type: sim
                """;
        BursarConfig c = ConfigLoader.parse(asWritten,
                Map.of("OPENAI_ADMIN_KEY", "sk-admin-1", "ANTHROPIC_ADMIN_KEY", "sk-ant-admin-2"), "t.yaml");
        assertThat(c.reconcile().openai().adminKey()).isEqualTo("sk-admin-1");
        assertThat(c.reconcile().anthropic().adminKey()).isEqualTo("sk-ant-admin-2");
        assertThat(c.providers()).hasSize(1);
        assertThatThrownBy(() -> ConfigLoader.parse("reconcile: { openai: { admin-key: ${OPENAI_ADMIN_KEY} }\n",
                Map.of("OPENAI_ADMIN_KEY", "k"), "t.yaml")).hasMessageContaining("not valid YAML");
    }

    @Test
    void anUnsetAdminKeyLeavesItsProviderOutWithAWarningInsteadOfFailingTheStart() {
        List<String> warnings = new ArrayList<>();
        ReconcileConfig r = ConfigLoader.parse(DOCUMENTED, Map.of("OPENAI_ADMIN_KEY", "sk-admin-1"), "t.yaml",
                warnings::add).reconcile();

        assertThat(r.admins()).containsOnlyKeys("openai");
        assertThat(warnings).singleElement().asString().contains("reconcile.anthropic", "ANTHROPIC_ADMIN_KEY");
        assertThat(ConfigLoader.parse(DOCUMENTED, Map.of(), "t.yaml").reconcile().enabled()).isFalse();
    }

    @Test
    void extrasAreReadAndCheckedAndUnknownKeysFailWithTheirPath() {
        ReconcileConfig r = ConfigLoader.parse("""
                reconcile:
                  openai: { admin-key: k, base-url: "http://127.0.0.1:9/proxy" }
                  every: 12h
                  hour: 2
                  percent: 2.5
                  min-usd: 0.50
                  retry-days: 3
                """, Map.of(), "t.yaml").reconcile();
        assertThat(r.openai().baseUrl()).isEqualTo("http://127.0.0.1:9/proxy");
        assertThat(r.every()).isEqualTo(Duration.ofHours(12));
        assertThat(r.percent()).isEqualTo(new BigDecimal("2.5"));
        assertThat(r.minUsd()).isEqualByComparingTo("0.50");

        assertThatThrownBy(() -> ConfigLoader.parse("reconcile: { openai: { key: k } }", Map.of(), "t.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("reconcile.openai.key");
        assertThatThrownBy(() -> ConfigLoader.parse("reconcile: { hour: 24 }", Map.of(), "t.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("0 to 23");
    }

    @Test
    void withoutReconcileNothingIsPulled() {
        assertThat(BursarConfig.defaults().reconcile().enabled()).isFalse();
    }

    @Test
    void theReadmesScheduledPullsExampleLoadsAsWritten() throws Exception {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
        String section = readme.substring(readme.indexOf("### Scheduled pulls"));
        String yaml = section.substring(section.indexOf("```yaml\n") + 8, section.indexOf("```", section.indexOf("```yaml\n") + 8));

        BursarConfig config = ConfigLoader.parse(yaml, Map.of("OPENAI_ADMIN_KEY", "a", "ANTHROPIC_ADMIN_KEY", "b"), "README.md");

        assertThat(config.reconcile().admins()).containsOnlyKeys("openai", "anthropic");
        assertThat(config.alerts().rules()).singleElement().satisfies(r -> assertThat(r.type()).isEqualTo("reconcile-drift"));
    }
}
