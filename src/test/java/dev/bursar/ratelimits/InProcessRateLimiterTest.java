package dev.bursar.ratelimits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bursar.config.RateLimitConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InProcessRateLimiterTest extends RateLimiterContractTest {

    private InProcessRateLimiter last;

    @Override
    protected RateLimiter newLimiter() {
        last = new InProcessRateLimiter();
        return last;
    }

    @Test
    void counters_of_values_that_went_quiet_are_dropped() {
        try (RateLimitControl control = control(new RateLimitConfig("customer", "*", 5, null))) {
            for (int i = 0; i < 100; i++) {
                control.admit(call("k", "customer-" + i, 1, 1));
            }
            clock.advance(Duration.ofMinutes(3));

            control.admit(call("k", "acme", 1, 1));

            assertThat(last.counterCount()).isEqualTo(1);
        }
    }
}
