package dev.bursar.providers.sim;

import static dev.bursar.providers.sim.SimFixtures.call;
import static dev.bursar.providers.sim.SimFixtures.chatRequest;
import static dev.bursar.providers.sim.SimFixtures.sim;
import static dev.bursar.providers.sim.SimFixtures.streamRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bursar.config.SimConfig;
import dev.bursar.providers.ProviderException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimFaultsTest {

    @ParameterizedTest(name = "hint {0} -> {1} ({2})")
    @CsvSource({"429, rate_limited, 429", "500, upstream_error, 500"})
    void a_fault_hint_fails_the_call_with_an_openai_shaped_error(String hint, String kind, int status) {
        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> sim().chat(call(chatRequest(), Map.of("sim-fault", hint), Duration.ofSeconds(5))));

        assertThat(e.error().kind()).isEqualTo(kind);
        assertThat(e.error().upstreamStatus()).isEqualTo(status);
        assertThat(e.error().provider()).isEqualTo("sim");
        assertThat(e.error().rawBody()).contains("\"error\"").contains("\"message\"");
        assertThat(e.error().message()).isNotBlank();
        assertThat(e.streamStarted()).isFalse();
    }

    @Test
    void a_rate_limit_reads_like_openais() {
        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> sim().chat(call(chatRequest(), Map.of("sim-fault", "429"), Duration.ofSeconds(5))));

        assertThat(e.error().message()).startsWith("Rate limit reached for gpt-4o-mini");
        assertThat(e.error().rawBody()).contains("rate_limit_exceeded");
        assertThat(e.error().retriable()).isTrue();
    }

    @Test
    void a_timeout_hint_waits_past_the_call_timeout_then_fails_with_timeout() {
        long start = System.nanoTime();

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> sim().chat(call(chatRequest(), Map.of("sim-fault", "timeout"), Duration.ofMillis(300))));

        assertThat(e.error().kind()).isEqualTo("timeout");
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
    }

    @Test
    void a_timeout_hint_on_a_stream_sends_nothing() {
        SimFixtures.Sink sink = new SimFixtures.Sink(-1);

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> sim().stream(call(streamRequest(), Map.of("sim-fault", "timeout"), Duration.ofMillis(200)), sink));

        assertThat(e.error().kind()).isEqualTo("timeout");
        assertThat(e.streamStarted()).isFalse();
        assertThat(sink.events).isEmpty();
    }

    @Test
    void a_cut_hint_cuts_the_stream_after_it_started_and_keeps_partial_usage() {
        SimFixtures.Sink sink = new SimFixtures.Sink(-1);
        var request = streamRequest();
        request.remove("max_tokens");

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> sim().stream(call(request, Map.of("sim-fault", "cut"), Duration.ofSeconds(5)), sink));

        assertThat(e.error().kind()).isEqualTo("malformed");
        assertThat(e.streamStarted()).isTrue();
        assertThat(sink.events).isNotEmpty().noneMatch(ev -> ev.contains("[DONE]"));
        assertThat(sink.settled).isEmpty();
        assertThat(e.partialUsage()).hasValueSatisfying(u -> {
            assertThat(u.inputTokens()).isPositive();
            assertThat(u.outputTokens()).isPositive();
        });
    }

    @Test
    void an_unknown_hint_is_refused_with_the_valid_values() {
        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> sim().chat(call(chatRequest(), Map.of("sim-fault", "explode"), Duration.ofSeconds(5))));

        assertThat(e.error().kind()).isEqualTo("bad_request");
        assertThat(e.error().message()).contains("429, 500, timeout or cut");
    }

    @Test
    void fault_rates_are_drawn_from_the_seed_so_a_run_is_repeatable() {
        SimConfig config = new SimConfig(0, 0, 0.2, 0.1, 0, 0, 7);

        List<String> first = outcomes(sim(config), 100);
        List<String> second = outcomes(sim(config), 100);
        List<String> otherSeed = outcomes(sim(new SimConfig(0, 0, 0.2, 0.1, 0, 0, 8)), 100);

        assertThat(second).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
        assertThat(first.stream().filter("rate_limited"::equals).count()).isBetween(10L, 30L);
        assertThat(first.stream().filter("upstream_error"::equals).count()).isBetween(3L, 18L);
    }

    @Test
    void a_zero_rate_never_fails_and_a_full_rate_always_fails() {
        assertThat(outcomes(sim(new SimConfig(0, 0, 0, 0, 0, 0, 1)), 50)).containsOnly("ok");
        assertThat(outcomes(sim(new SimConfig(0, 0, 1, 0, 0, 0, 1)), 50)).containsOnly("rate_limited");
    }

    @Test
    void the_cut_rate_cuts_streams_from_the_seeded_draw() {
        SimProvider sim = sim(new SimConfig(0, 0, 0, 0, 0, 0.5, 3));
        int cut = 0;
        for (int i = 0; i < 20; i++) {
            try {
                sim.stream(call(streamRequest()), new SimFixtures.Sink(-1));
            } catch (ProviderException e) {
                assertThat(e.error().kind()).isEqualTo("malformed");
                cut++;
            }
        }
        assertThat(cut).isBetween(4, 16);
    }

    private static List<String> outcomes(SimProvider sim, int calls) {
        List<String> out = new ArrayList<>();
        var request = chatRequest();
        request.put("max_tokens", 3);
        for (int i = 0; i < calls; i++) {
            try {
                sim.chat(call(request));
                out.add("ok");
            } catch (ProviderException e) {
                out.add(e.error().kind());
            }
        }
        return out;
    }
}
