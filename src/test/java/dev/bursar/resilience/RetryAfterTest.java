package dev.bursar.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @Test
    void retry_after_ms_wins_over_retry_after_as_openais_sdks_do() {
        assertThat(RetryAfter.of(Map.of("retry-after", "3", "retry-after-ms", "2400"), NOW)).isEqualTo(Duration.ofMillis(2400));
    }

    @Test
    void retry_after_in_seconds_whole_or_decimal_rounded_up_to_the_millisecond() {
        assertThat(RetryAfter.of(Map.of("retry-after", "7"), NOW)).isEqualTo(Duration.ofSeconds(7));
        assertThat(RetryAfter.of(Map.of("retry-after", "0.0015"), NOW)).isEqualTo(Duration.ofMillis(2));
        assertThat(RetryAfter.of(Map.of("retry-after-ms", "12.5"), NOW)).isEqualTo(Duration.ofMillis(13));
    }

    @Test
    void retry_after_as_an_http_date_counts_from_now() {
        assertThat(RetryAfter.of(Map.of("retry-after", "Thu, 03 Dec 2026 12:00:12 GMT"), NOW)).isEqualTo(Duration.ofSeconds(12));
        assertThat(RetryAfter.of(Map.of("retry-after", "Thu, 03 Dec 2026 11:59:00 GMT"), NOW)).as("in the past").isZero();
    }

    @Test
    void no_advice_or_advice_bursar_cannot_read_is_zero() {
        assertThat(RetryAfter.of(Map.of(), NOW)).isZero();
        assertThat(RetryAfter.of(Map.of("retry-after", "soon"), NOW)).isZero();
        assertThat(RetryAfter.of(Map.of("retry-after", "-5"), NOW)).isZero();
        assertThat(RetryAfter.of(Map.of("retry-after-ms", "later", "retry-after", "2"), NOW)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void an_enormous_number_is_a_day_not_an_overflow() {
        assertThat(RetryAfter.of(Map.of("retry-after", "1e999999999"), NOW)).isEqualTo(Duration.ofDays(1));
    }
}
