package dev.bursar.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bursar.providers.Timeouts;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code resilience.timeouts} and a provider's {@code timeouts}: parsed strictly, merged key by key. */
class TimeoutsConfigTest {

    static BursarConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, Map.of(), "bursar.yaml");
    }

    static Timeouts of(BursarConfig c, int provider) {
        return Timeouts.of(c.providers().get(provider), c.resilience().timeouts());
    }

    @Test
    void the_documented_example_parses_and_a_provider_overrides_one_key() {
        BursarConfig c = parse("""
                resilience:
                  timeouts: { connect: 2s, first-token: 20s, between-events: 30s, total: 120s }
                providers:
                  - { name: openai, type: openai, api-key: sk-x, timeouts: { first-token: 60s } }
                  - { name: other, type: openai, api-key: sk-y }
                """);

        assertThat(c.resilience().timeouts()).isEqualTo(new TimeoutsConfig(Duration.ofSeconds(2), Duration.ofSeconds(20),
                Duration.ofSeconds(30), Duration.ofSeconds(120)));
        assertThat(of(c, 0)).isEqualTo(new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofSeconds(30),
                Duration.ofSeconds(120), Duration.ofSeconds(120)));
        assertThat(of(c, 1).firstToken()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void without_any_timeouts_the_defaults_keep_today_s_behaviour() {
        Timeouts t = of(parse("providers: [ { name: up, type: openai, api-key: k } ]"), 0);

        assertThat(t).isEqualTo(Timeouts.DEFAULTS);
        assertThat(t.connect()).isEqualTo(Duration.ofSeconds(10));
        assertThat(t.firstToken()).isEqualTo(Duration.ofSeconds(120));
        assertThat(t.betweenEvents()).isEqualTo(Duration.ofSeconds(120));
        assertThat(t.total(false)).isEqualTo(Duration.ofSeconds(120));
        assertThat(t.total(true)).isEqualTo(Duration.ofSeconds(600));
    }

    @Test
    void the_old_timeout_key_sets_first_token_between_events_and_a_whole_call_s_total() {
        BursarConfig c = parse("""
                resilience: { timeouts: { connect: 3s, between-events: 9s } }
                providers:
                  - { name: up, type: openai, api-key: k, timeout: 45s }
                  - { name: both, type: openai, api-key: k, timeout: 45s, timeouts: { between-events: 5s } }
                """);

        assertThat(of(c, 0)).isEqualTo(new Timeouts(Duration.ofSeconds(3), Duration.ofSeconds(45), Duration.ofSeconds(45),
                Duration.ofSeconds(45), Timeouts.DEFAULT_STREAM_TOTAL));
        assertThat(of(c, 1).betweenEvents()).as("the provider's own timeouts key wins").isEqualTo(Duration.ofSeconds(5));
        assertThat(of(c, 1).firstToken()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void timeout_and_timeouts_total_on_one_provider_are_refused() {
        assertThatThrownBy(() -> parse("""
                providers: [ { name: up, type: openai, api-key: k, timeout: 30s, timeouts: { total: 60s } } ]
                """))
                .hasMessageContaining("providers[0]").hasMessageContaining("'timeout' and 'timeouts.total'");
    }

    @Test
    void unknown_keys_and_bad_durations_name_their_path() {
        assertThatThrownBy(() -> parse("resilience: { timeouts: { first-tokn: 2s } }"))
                .hasMessageContaining("resilience.timeouts.first-tokn");
        assertThatThrownBy(() -> parse("providers: [ { name: up, type: openai, timeouts: { idle: 2s } } ]"))
                .hasMessageContaining("providers[0].timeouts.idle");
        assertThatThrownBy(() -> parse("resilience: { timeouts: { connect: soon } }"))
                .hasMessageContaining("resilience.timeouts.connect").hasMessageContaining("not a duration");
        assertThatThrownBy(() -> parse("resilience: { timeouts: { total: 0s } }"))
                .hasMessageContaining("total must be a positive duration");
    }

    @Test
    void durations_are_written_back_as_in_the_config() {
        assertThat(Timeouts.text(Duration.ofMillis(500))).isEqualTo("500ms");
        assertThat(Timeouts.text(Duration.ofSeconds(20))).isEqualTo("20s");
        assertThat(Timeouts.text(Duration.ofMinutes(2))).isEqualTo("2m");
    }

    @Test
    void the_head_waits_for_the_first_token_unless_the_total_ends_sooner() {
        Timeouts t = new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(20), Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofSeconds(60));
        assertThat(t.head(false)).isEqualTo(Duration.ofSeconds(10));
        assertThat(t.head(true)).isEqualTo(Duration.ofSeconds(20));
    }
}
