package dev.bursar.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bursar.providers.ProviderException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetriesTest {

    final List<Duration> slept = new ArrayList<>();
    final Retries retries = new Retries(RetryPolicyTest.POLICY, slept::add, new Random(1),
            Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC));

    @Test
    void a_5xx_is_retried_after_the_backoff_until_the_attempts_are_spent() {
        ProviderException e = new ProviderException(RetryPolicyTest.SERVER_ERROR);

        assertThat(retries.again(1, e)).isTrue();
        assertThat(retries.again(2, e)).isTrue();
        assertThat(retries.again(3, e)).isFalse();
        assertThat(slept).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void the_providers_retry_after_headers_set_the_wait() {
        ProviderException e = new ProviderException(RetryPolicyTest.RATE_LIMITED, Map.of("retry-after", "3", "retry-after-ms", "2400"));

        assertThat(retries.again(1, e)).isTrue();
        assertThat(slept).containsExactly(Duration.ofMillis(2400));
    }

    @Test
    void retry_after_over_max_gives_up_without_waiting() {
        ProviderException e = new ProviderException(RetryPolicyTest.RATE_LIMITED, Map.of("retry-after", "60"));

        assertThat(retries.again(1, e)).isFalse();
        assertThat(slept).isEmpty();
    }

    @Test
    void an_interrupted_wait_gives_up_and_keeps_the_interrupt() {
        Retries interrupted = new Retries(RetryPolicyTest.POLICY, d -> {
            throw new InterruptedException();
        }, new Random(1), Clock.systemUTC());

        try {
            assertThat(interrupted.again(1, new ProviderException(RetryPolicyTest.SERVER_ERROR))).isFalse();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void a_zero_wait_does_not_call_the_sleeper() {
        Retries immediate = new Retries(RetryPolicy.immediate(2), slept::add, new Random(1), Clock.systemUTC());

        assertThat(immediate.again(1, new ProviderException(RetryPolicyTest.SERVER_ERROR))).isTrue();
        assertThat(slept).isEmpty();
    }
}
