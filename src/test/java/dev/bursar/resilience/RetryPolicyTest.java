package dev.bursar.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bursar.config.GatewayConfig;
import dev.bursar.config.ResilienceConfig;
import dev.bursar.config.RetryConfig;
import dev.bursar.providers.ProviderError;
import java.time.Duration;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    /** The documented example without jitter, so every wait is exact. */
    static final RetryPolicy POLICY = new RetryPolicy(3, BackoffTest.exponential(RetryConfig.Jitter.NONE), true);
    static final ProviderError SERVER_ERROR = new ProviderError.Upstream5xx("sim", 500, "boom", "");
    static final ProviderError RATE_LIMITED = new ProviderError.RateLimited("sim", 429, "slow down", "");

    static Duration ms(long n) {
        return Duration.ofMillis(n);
    }

    @Test
    void a_retriable_failure_waits_the_backoff_until_the_attempts_are_spent() {
        Random r = new Random(1);

        assertThat(POLICY.waitAfter(1, SERVER_ERROR, Duration.ZERO, r)).hasValue(ms(200));
        assertThat(POLICY.waitAfter(2, SERVER_ERROR, Duration.ZERO, r)).hasValue(ms(400));
        assertThat(POLICY.waitAfter(3, SERVER_ERROR, Duration.ZERO, r)).as("3 of 3 attempts made").isEmpty();
    }

    static Stream<ProviderError> clientCaused() {
        return Stream.of(new ProviderError.BadRequest("sim", 400, "bad", ""), new ProviderError.BadRequest("sim", 422, "bad", ""),
                new ProviderError.BadRequest("sim", 0, "cannot take this", ""), new ProviderError.Unauthorized("sim", 401, "key", ""),
                new ProviderError.Unauthorized("sim", 403, "forbidden", ""), new ProviderError.NotFound("sim", 404, "no model", ""));
    }

    @ParameterizedTest
    @MethodSource("clientCaused")
    void a_failure_the_client_caused_is_never_retried(ProviderError error) {
        assertThat(POLICY.waitAfter(1, error, Duration.ZERO, new Random(1))).isEmpty();
        assertThat(RetryPolicy.immediate(5).waitAfter(1, error, Duration.ZERO, new Random(1))).isEmpty();
    }

    static Stream<ProviderError> retriable() {
        return Stream.of(RATE_LIMITED, SERVER_ERROR, new ProviderError.Timeout("sim", 504, "slow", ""),
                new ProviderError.Timeout("sim", 0, "no answer", ""), new ProviderError.Malformed("sim", 200, "cut", ""));
    }

    @ParameterizedTest
    @MethodSource("retriable")
    void rate_limits_server_errors_timeouts_and_cut_answers_are_retried(ProviderError error) {
        assertThat(POLICY.waitAfter(1, error, Duration.ZERO, new Random(1))).hasValue(ms(200));
    }

    @Test
    void retry_after_longer_than_the_backoff_is_waited_whole() {
        assertThat(POLICY.waitAfter(1, RATE_LIMITED, ms(2400), new Random(1))).hasValue(ms(2400));
    }

    @Test
    void retry_after_shorter_than_the_backoff_waits_the_backoff() {
        assertThat(POLICY.waitAfter(2, RATE_LIMITED, ms(100), new Random(1))).hasValue(ms(400));
    }

    @Test
    void retry_after_is_a_floor_under_full_jitter_too() {
        RetryPolicy jittered = new RetryPolicy(3, BackoffTest.exponential(RetryConfig.Jitter.FULL), true);
        Random seeded = new Random(3);

        for (int i = 0; i < 200; i++) {
            assertThat(jittered.waitAfter(2, RATE_LIMITED, ms(300), seeded).orElseThrow()).isBetween(ms(300), ms(400));
        }
    }

    @Test
    void retry_after_up_to_max_is_waited_but_over_max_gives_up_so_the_client_gets_the_429() {
        assertThat(POLICY.waitAfter(1, RATE_LIMITED, Duration.ofSeconds(5), new Random(1))).hasValue(Duration.ofSeconds(5));
        assertThat(POLICY.waitAfter(1, RATE_LIMITED, ms(5001), new Random(1))).isEmpty();
    }

    @Test
    void gateway_max_attempts_retries_at_once_whatever_the_provider_advises_as_it_always_did() {
        RetryPolicy legacy = RetryPolicy.immediate(3);

        assertThat(legacy.waitAfter(1, RATE_LIMITED, Duration.ofHours(1), new Random(1))).hasValue(Duration.ZERO);
        assertThat(legacy.waitAfter(2, SERVER_ERROR, Duration.ZERO, new Random(1))).hasValue(Duration.ZERO);
        assertThat(legacy.waitAfter(3, SERVER_ERROR, Duration.ZERO, new Random(1))).isEmpty();
    }

    @Test
    void without_resilience_retry_the_policy_is_gateway_max_attempts_and_one_attempt_by_default() {
        assertThat(RetryPolicy.from(GatewayConfig.defaults(), ResilienceConfig.defaults())).isEqualTo(RetryPolicy.immediate(1));
        assertThat(RetryPolicy.from(new GatewayConfig(4, null), ResilienceConfig.defaults())).isEqualTo(RetryPolicy.immediate(4));
    }

    @Test
    void resilience_retry_becomes_the_policy() {
        RetryConfig documented = new RetryConfig(null, null, null, null, null);

        assertThat(RetryPolicy.from(GatewayConfig.defaults(), new ResilienceConfig(documented, null)))
                .isEqualTo(new RetryPolicy(3, BackoffTest.exponential(RetryConfig.Jitter.FULL), true));
    }
}
