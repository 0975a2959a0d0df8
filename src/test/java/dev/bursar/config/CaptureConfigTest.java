package dev.bursar.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaptureConfigTest {

    static BursarConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, Map.of(), "test.yaml");
    }

    @Test
    void the_issues_example_loads_with_days_of_retention() {
        CaptureConfig c = parse("capture: { enabled: true, retention: 30d, redact: [emails, numbers] }").capture();

        assertThat(c.enabled()).isTrue();
        assertThat(c.retention()).isEqualTo(Duration.ofDays(30));
        assertThat(c.redact()).containsExactly("emails", "numbers");
        assertThat(parse("capture: { enabled: true, retention: 12h }").capture().retention()).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void absent_nothing_is_captured_and_an_enabled_block_redacts_everything_it_knows_by_default() {
        assertThat(parse("server: { port: 8080 }").capture().enabled()).isFalse();
        CaptureConfig on = parse("capture: { enabled: true }").capture();
        assertThat(on.retention()).isEqualTo(Duration.ofDays(30));
        assertThat(on.redact()).containsExactlyInAnyOrder("emails", "numbers", "phones", "keys");
        assertThat(parse("capture: { enabled: true, redact: [] }").capture().redact()).isEqualTo(List.of());
    }

    @Test
    void unknown_keys_and_kinds_are_refused_with_their_path() {
        assertThatThrownBy(() -> parse("capture: { enabled: true, retain: 30d }"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("capture.retain");
        assertThatThrownBy(() -> parse("capture: { enabled: true, redact: [names] }"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("names").hasMessageContaining("emails");
        assertThatThrownBy(() -> parse("capture: { enabled: true, retention: 0d }"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("retention");
    }
}
