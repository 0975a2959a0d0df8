package dev.bursar.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * {@code resilience.retry}: how often a retriable upstream failure is tried again and how long Bursar waits in
 * between. Every key is optional; the defaults are the documented example
 * ({@code { max-attempts: 3, backoff: exponential, base: 200ms, max: 5s, jitter: full }}).
 *
 * @param maxAttempts upstream attempts per request, the first included (1 = no retry)
 * @param backoff     how the wait grows from one retry to the next
 * @param base        the first retry's wait (before jitter)
 * @param max         the longest wait; a provider's retry-after above it makes Bursar give up instead of waiting
 * @param jitter      how much of the wait is drawn at random, so retries of many clients do not arrive together
 */
public record RetryConfig(Integer maxAttempts, Backoff backoff, Duration base, Duration max, Jitter jitter) {

    public RetryConfig {
        maxAttempts = maxAttempts == null ? 3 : maxAttempts;
        backoff = backoff == null ? Backoff.EXPONENTIAL : backoff;
        base = base == null ? Duration.ofMillis(200) : base;
        max = max == null ? Duration.ofSeconds(5) : max;
        jitter = jitter == null ? Jitter.FULL : jitter;
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("max-attempts must be 1..10");
        }
        if (max.compareTo(base) < 0) {
            throw new IllegalArgumentException("max (" + max.toMillis() + "ms) must not be below base (" + base.toMillis() + "ms)");
        }
    }

    /** {@code exponential}: base, 2·base, 4·base … up to max; {@code constant}: base every time. */
    public enum Backoff {
        EXPONENTIAL("exponential"), CONSTANT("constant");

        private final String label;

        Backoff(String label) {
            this.label = label;
        }

        @JsonValue
        public String label() {
            return label;
        }

        @JsonCreator
        public static Backoff of(String label) {
            return Arrays.stream(values()).filter(b -> b.label.equals(label)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("must be one of " + labels(values()) + ", got '" + label + "'"));
        }
    }

    /** {@code full}: uniform in [0, the backoff's wait] (AWS's "full jitter"); {@code none}: exactly that wait. */
    public enum Jitter {
        FULL("full"), NONE("none");

        private final String label;

        Jitter(String label) {
            this.label = label;
        }

        @JsonValue
        public String label() {
            return label;
        }

        @JsonCreator
        public static Jitter of(String label) {
            return Arrays.stream(values()).filter(j -> j.label.equals(label)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("must be one of " + labels(values()) + ", got '" + label + "'"));
        }
    }

    private static List<String> labels(Object[] values) {
        return Arrays.stream(values).map(v -> v.toString().toLowerCase(java.util.Locale.ROOT)).sorted().toList();
    }
}
