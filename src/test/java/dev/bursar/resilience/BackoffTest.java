package dev.bursar.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bursar.config.RetryConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

    static Backoff exponential(RetryConfig.Jitter jitter) {
        return new Backoff(RetryConfig.Backoff.EXPONENTIAL, Duration.ofMillis(200), Duration.ofSeconds(5), jitter);
    }

    @Test
    void exponential_doubles_from_base_and_stops_at_max() {
        Backoff b = exponential(RetryConfig.Jitter.NONE);

        assertThat(IntStream.rangeClosed(1, 8).mapToObj(n -> b.delay(n, new Random(1)).toMillis()))
                .containsExactly(200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L, 5000L);
    }

    @Test
    void a_huge_retry_number_is_still_max_not_an_overflow() {
        assertThat(exponential(RetryConfig.Jitter.NONE).ceiling(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void constant_waits_base_every_time() {
        Backoff b = new Backoff(RetryConfig.Backoff.CONSTANT, Duration.ofMillis(300), Duration.ofSeconds(5), RetryConfig.Jitter.NONE);

        assertThat(IntStream.rangeClosed(1, 4).mapToObj(b::ceiling)).containsOnly(Duration.ofMillis(300));
    }

    @Test
    void full_jitter_draws_uniformly_between_zero_and_the_exponential_wait() {
        Backoff b = exponential(RetryConfig.Jitter.FULL);
        Random seeded = new Random(42);
        List<Long> third = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            third.add(b.delay(3, seeded).toMillis());
        }

        assertThat(third).allSatisfy(ms -> assertThat(ms).isBetween(0L, 800L));
        // Spread over the whole range, not bunched: each quarter of [0, 800] gets about a quarter of the draws.
        for (int q = 0; q < 4; q++) {
            long lo = q * 200L;
            long inQuarter = third.stream().filter(ms -> ms >= lo && ms < lo + 200).count();
            assertThat(inQuarter).as("draws in [%d, %d) ms", lo, lo + 200).isBetween(400L, 600L);
        }
    }

    @Test
    void full_jitter_at_the_cap_draws_under_max() {
        Backoff b = exponential(RetryConfig.Jitter.FULL);
        Random seeded = new Random(7);

        assertThat(IntStream.range(0, 500).mapToObj(i -> b.delay(9, seeded)))
                .allSatisfy(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofSeconds(5)));
    }

    @Test
    void the_same_seed_gives_the_same_waits() {
        Backoff b = exponential(RetryConfig.Jitter.FULL);
        Random first = new Random(5);
        Random second = new Random(5);

        assertThat(IntStream.rangeClosed(1, 5).mapToObj(n -> b.delay(n, first)).toList())
                .isEqualTo(IntStream.rangeClosed(1, 5).mapToObj(n -> b.delay(n, second)).toList());
    }

    @Test
    void max_below_base_is_refused() {
        assertThatThrownBy(() -> new Backoff(RetryConfig.Backoff.EXPONENTIAL, Duration.ofSeconds(2), Duration.ofSeconds(1), RetryConfig.Jitter.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base <= max");
    }
}
