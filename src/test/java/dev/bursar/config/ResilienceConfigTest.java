package dev.bursar.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code resilience.retry} is read as strictly as the rest of bursar.yaml, and never together with gateway.max-attempts. */
class ResilienceConfigTest {

    static BursarConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, Map.of(), "bursar.yaml");
    }

    @Test
    void the_documented_example_parses_into_a_typed_record() {
        RetryConfig r = parse("""
                resilience:
                  retry: { max-attempts: 3, backoff: exponential, base: 200ms, max: 5s, jitter: full }   # honours retry-after
                """).resilience().retry();

        assertThat(r).isEqualTo(new RetryConfig(3, RetryConfig.Backoff.EXPONENTIAL, Duration.ofMillis(200),
                Duration.ofSeconds(5), RetryConfig.Jitter.FULL));
    }

    @Test
    void left_out_keys_take_the_documented_values() {
        assertThat(parse("resilience: { retry: { backoff: constant, jitter: none } }").resilience().retry())
                .isEqualTo(new RetryConfig(3, RetryConfig.Backoff.CONSTANT, Duration.ofMillis(200), Duration.ofSeconds(5),
                        RetryConfig.Jitter.NONE));
    }

    @Test
    void without_resilience_there_is_no_retry_section_and_gateway_max_attempts_stays_one() {
        BursarConfig c = parse("server: { port: 4400 }");

        assertThat(c.resilience().retry()).isNull();
        assertThat(c.gateway().maxAttempts()).isEqualTo(1);
    }

    @Test
    void an_unknown_key_names_its_path() {
        assertThatThrownBy(() -> parse("resilience: { retry: { jiter: full } }"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("resilience.retry.jiter").hasMessageContaining("jitter");
        assertThatThrownBy(() -> parse("resilience: { retries: { max-attempts: 2 } }"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("resilience.retries");
    }

    @Test
    void an_unknown_backoff_or_jitter_lists_the_allowed_ones() {
        assertThatThrownBy(() -> parse("resilience: { retry: { backoff: linear } }"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("resilience.retry.backoff")
                .hasMessageContaining("[constant, exponential]").hasMessageContaining("'linear'");
        assertThatThrownBy(() -> parse("resilience: { retry: { jitter: Full } }"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("[full, none]");
    }

    @Test
    void bad_durations_and_ranges_are_refused_with_the_path() {
        assertThatThrownBy(() -> parse("resilience: { retry: { base: fast } }"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("resilience.retry.base").hasMessageContaining("not a duration");
        assertThatThrownBy(() -> parse("resilience: { retry: { base: 10s, max: 5s } }"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must not be below base");
        assertThatThrownBy(() -> parse("resilience: { retry: { max-attempts: 0 } }"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("max-attempts must be 1..10");
    }

    @Test
    void gateway_max_attempts_and_resilience_retry_together_are_refused_naming_both() {
        assertThatThrownBy(() -> parse("""
                gateway: { max-attempts: 2 }
                resilience: { retry: { max-attempts: 3 } }
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'gateway.max-attempts'").hasMessageContaining("'resilience.retry'");
    }

    @Test
    void gateway_max_attempts_alone_keeps_working() {
        assertThat(parse("gateway: { max-attempts: 2 }").gateway().maxAttempts()).isEqualTo(2);
    }
}
