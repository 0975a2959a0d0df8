package dev.bursar.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code resilience.circuit-breaker} is read as strictly as the rest of bursar.yaml. */
class CircuitBreakerConfigTest {

    static BursarConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, Map.of(), "bursar.yaml");
    }

    @Test
    void the_documented_example_parses_with_durations() {
        CircuitBreakerConfig cb = parse("""
                resilience:
                  circuit-breaker: { failure-rate: 50, window: 30s, min-calls: 20, open-for: 30s }
                """).resilience().circuitBreaker();

        assertThat(cb).isEqualTo(new CircuitBreakerConfig(50, Duration.ofSeconds(30), 20, Duration.ofSeconds(30)));
    }

    @Test
    void keys_left_out_take_the_documented_defaults_and_other_duration_units_work() {
        CircuitBreakerConfig cb = parse("resilience: { circuit-breaker: { open-for: 1500ms, window: 2m } }")
                .resilience().circuitBreaker();

        assertThat(cb.failureRate()).isEqualTo(50);
        assertThat(cb.minCalls()).isEqualTo(20);
        assertThat(cb.window()).isEqualTo(Duration.ofMinutes(2));
        assertThat(cb.openFor()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void without_the_section_there_is_no_circuit_breaker() {
        assertThat(parse("providers: [ { name: sim, type: sim } ]").resilience().circuitBreaker()).isNull();
        assertThat(BursarConfig.defaults().resilience().circuitBreaker()).isNull();
    }

    @Test
    void an_unknown_key_fails_with_its_path() {
        assertThatThrownBy(() -> parse("resilience: { circuit-breaker: { failure-rate: 50, open-fro: 30s } }"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("resilience.circuit-breaker.open-fro")
                .hasMessageContaining("open-for");
        assertThatThrownBy(() -> parse("resilience: { circuit-braker: {} }"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("resilience.circuit-braker");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{ failure-rate: 0 }          | failure-rate is a percentage",
            "{ failure-rate: 101 }        | failure-rate is a percentage",
            "{ min-calls: 0 }             | min-calls must be at least 1",
            "{ window: 5ms }              | window must be at least 10ms",
            "{ open-for: 0s }             | open-for must be positive",
            "{ open-for: soon }           | 'soon' is not a duration"})
    void a_bad_value_fails_with_its_path_and_why(String section, String why) {
        assertThatThrownBy(() -> parse("resilience: { circuit-breaker: " + section + " }"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("resilience.circuit-breaker")
                .hasMessageContaining(why);
    }
}
