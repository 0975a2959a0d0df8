package dev.bursar.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bursar.testing.MutableClock;
import dev.bursar.config.CircuitBreakerConfig;
import dev.bursar.providers.ProviderError;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The circuit's state machine, driven by a hand-moved clock: closed, open, half-open, and back. */
class CircuitBreakerTest {

    final MutableClock clock = new MutableClock(java.time.Instant.parse("2026-12-03T12:00:00Z"));
    /** 50% over 10 s, at least 4 calls, open for 30 s. */
    final CircuitBreaker breaker = new CircuitBreaker("sim",
            new CircuitBreakerConfig(50, Duration.ofSeconds(10), 4, Duration.ofSeconds(30)), clock);

    void calls(CallOutcome outcome, int n) {
        for (int i = 0; i < n; i++) {
            CallPermission p = breaker.tryCall();
            assertThat(p).isEqualTo(CallPermission.NORMAL);
            breaker.record(p, outcome);
        }
    }

    @Test
    void a_closed_circuit_lets_every_call_through_and_stays_closed_below_the_failure_rate() {
        calls(CallOutcome.SUCCESS, 3);
        calls(CallOutcome.FAILURE, 2);

        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.snapshot().failureRatePercent()).isEqualByComparingTo("40.0");
        assertThat(breaker.snapshot().callsInWindow()).isEqualTo(5);
    }

    @Test
    void failures_below_min_calls_do_not_open_the_circuit_however_high_the_rate() {
        calls(CallOutcome.FAILURE, 3);

        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.snapshot().failureRatePercent()).isEqualByComparingTo("100.0");
    }

    @Test
    void the_circuit_opens_at_the_failure_rate_once_min_calls_were_made_and_refuses_calls_until_open_for_passes() {
        calls(CallOutcome.SUCCESS, 2);
        calls(CallOutcome.FAILURE, 2);

        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        CallPermission refused = breaker.tryCall();
        assertThat(refused).isInstanceOf(CallPermission.Refused.class);
        CallPermission.Refused r = (CallPermission.Refused) refused;
        assertThat(r.provider()).isEqualTo("sim");
        assertThat(r.retryAt()).isEqualTo(clock.instant().plusSeconds(30));
        assertThat(r.retryAfterSeconds(clock.instant())).isEqualTo(30);
        assertThat(breaker.snapshot().halfOpensAt()).isEqualTo(clock.instant().plusSeconds(30));

        clock.advance(Duration.ofMillis(29_500));
        assertThat(breaker.tryCall()).isInstanceOf(CallPermission.Refused.class);
        assertThat(((CallPermission.Refused) breaker.tryCall()).retryAfterSeconds(clock.instant()))
                .as("seconds left are rounded up, never 0").isEqualTo(1);
    }

    @Test
    void after_open_for_one_trial_call_at_a_time_and_its_success_closes_the_circuit_with_an_empty_window() {
        calls(CallOutcome.FAILURE, 4);
        clock.advance(Duration.ofSeconds(30));

        assertThat(breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(breaker.snapshot().halfOpensAt()).isNull();
        CallPermission trial = breaker.tryCall();
        assertThat(trial).isEqualTo(CallPermission.TRIAL);
        assertThat(breaker.tryCall()).as("a second caller while the trial runs").isInstanceOf(CallPermission.Refused.class);

        breaker.record(trial, CallOutcome.SUCCESS);

        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.snapshot().callsInWindow()).isZero();
        assertThat(breaker.tryCall()).isEqualTo(CallPermission.NORMAL);
    }

    @Test
    void a_failed_trial_opens_the_circuit_for_another_open_for() {
        calls(CallOutcome.FAILURE, 4);
        clock.advance(Duration.ofSeconds(31));
        CallPermission trial = breaker.tryCall();

        breaker.record(trial, CallOutcome.FAILURE);

        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        assertThat(((CallPermission.Refused) breaker.tryCall()).retryAt()).isEqualTo(clock.instant().plusSeconds(30));
    }

    @Test
    void a_trial_the_provider_refused_as_a_bad_request_decides_nothing_and_frees_the_slot_for_the_next_caller() {
        calls(CallOutcome.FAILURE, 4);
        clock.advance(Duration.ofSeconds(30));
        CallPermission trial = breaker.tryCall();

        breaker.record(trial, CallOutcome.IGNORED);

        assertThat(breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(breaker.tryCall()).isEqualTo(CallPermission.TRIAL);
    }

    @Test
    void a_trial_that_never_reports_back_is_forgotten_after_open_for() {
        calls(CallOutcome.FAILURE, 4);
        clock.advance(Duration.ofSeconds(30));
        assertThat(breaker.tryCall()).isEqualTo(CallPermission.TRIAL);

        clock.advance(Duration.ofSeconds(30));

        assertThat(breaker.tryCall()).isEqualTo(CallPermission.TRIAL);
    }

    @Test
    void client_caused_refusals_count_neither_as_failures_nor_as_calls() {
        calls(CallOutcome.IGNORED, 50);
        calls(CallOutcome.FAILURE, 3);

        assertThat(breaker.state()).as("3 failures are under min-calls; the 4xx did not count").isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.snapshot().callsInWindow()).isEqualTo(3);
    }

    @Test
    void the_window_slides_so_old_failures_stop_counting() {
        calls(CallOutcome.FAILURE, 3);
        clock.advance(Duration.ofSeconds(11));
        calls(CallOutcome.SUCCESS, 3);
        calls(CallOutcome.FAILURE, 1);

        assertThat(breaker.snapshot().callsInWindow()).isEqualTo(4);
        assertThat(breaker.state()).as("1 of 4 failed in the last 10 s").isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void failures_spread_over_the_window_add_up_while_they_are_inside_it() {
        calls(CallOutcome.FAILURE, 2);
        clock.advance(Duration.ofSeconds(5));
        calls(CallOutcome.SUCCESS, 1);
        clock.advance(Duration.ofSeconds(4));
        calls(CallOutcome.FAILURE, 1);

        assertThat(breaker.state()).as("3 of 4 failed within 9 s").isEqualTo(CircuitState.OPEN);
    }

    @Test
    void outcomes_of_calls_let_through_before_the_circuit_opened_do_not_change_it() {
        CallPermission early = breaker.tryCall();
        calls(CallOutcome.FAILURE, 4);

        breaker.record(early, CallOutcome.SUCCESS);

        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void concurrent_callers_in_half_open_get_exactly_one_trial() throws Exception {
        calls(CallOutcome.FAILURE, 4);
        clock.advance(Duration.ofSeconds(30));
        AtomicInteger trials = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        Thread[] threads = new Thread[16];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (breaker.tryCall() instanceof CallPermission.Allowed a && a.trial()) {
                    trials.incrementAndGet();
                }
            });
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }

        assertThat(trials).hasValue(1);
    }

    @ParameterizedTest(name = "upstream {0} is {1}")
    @CsvSource({
            "500, FAILURE", "502, FAILURE", "503, FAILURE", "504, FAILURE", "408, FAILURE", "429, FAILURE",
            "400, IGNORED", "404, IGNORED", "413, IGNORED", "422, IGNORED", "401, IGNORED", "403, IGNORED"})
    void only_provider_side_failures_count_against_a_provider(int status, CallOutcome expected) {
        assertThat(CallOutcome.of(ProviderError.fromStatus("sim", status, "m", ""))).isEqualTo(expected);
    }

    @Test
    void cut_streams_and_unreadable_answers_are_the_providers_failures() {
        assertThat(CallOutcome.of(new ProviderError.Malformed("sim", 200, "stream ended early", ""))).isEqualTo(CallOutcome.FAILURE);
        assertThat(CallOutcome.of(new ProviderError.Timeout("sim", 0, "connect timed out", ""))).isEqualTo(CallOutcome.FAILURE);
    }
}
