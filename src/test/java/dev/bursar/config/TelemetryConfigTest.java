package dev.bursar.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code telemetry:} is read as strictly as the rest of bursar.yaml; OTEL_EXPORTER_OTLP_ENDPOINT turns it on too. */
class TelemetryConfigTest {

    static BursarConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, Map.of(), "test.yaml");
    }

    @Test
    void the_issues_example_turns_export_on_with_defaults_for_the_rest() {
        TelemetryConfig t = parse("telemetry: { otlp: { endpoint: http://127.0.0.1:4318 } }").telemetry();

        assertThat(t.endpoint(Map.of())).contains("http://127.0.0.1:4318");
        assertThat(t.serviceName()).isEqualTo("bursar");
        assertThat(t.exportInterval()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void off_by_default_and_on_with_the_standard_environment_variable_which_the_file_overrides() {
        TelemetryConfig none = parse("server: { port: 8080 }").telemetry();
        assertThat(none.endpoint(Map.of())).isEmpty();
        assertThat(none.endpoint(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"))).contains("http://collector:4318");
        assertThat(none.endpoint(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", " "))).isEmpty();

        TelemetryConfig file = parse("telemetry: { otlp: { endpoint: http://a:4318 } }").telemetry();
        assertThat(file.endpoint(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://b:4318"))).contains("http://a:4318");
    }

    @Test
    void bad_values_and_unknown_keys_are_refused_with_their_path() {
        assertThatThrownBy(() -> parse("telemetry: { otlp: { endpoint: 127.0.0.1:4318 } }"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("telemetry.otlp").hasMessageContaining("http://");
        assertThatThrownBy(() -> parse("telemetry: { otlp: { url: http://a:4318 } }"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("telemetry.otlp.url");
        assertThatThrownBy(() -> parse("telemetry: { export-interval: 0s }"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("export-interval");
    }

    @Test
    void the_readmes_telemetry_example_loads() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("## Telemetry"));
        Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(section);
        assertThat(m.find()).isTrue();
        TelemetryConfig t = parse(m.group(1)).telemetry();
        assertThat(t.endpoint(Map.of())).contains("http://127.0.0.1:4318");
        assertThat(t.serviceName()).isEqualTo("bursar");
    }
}
