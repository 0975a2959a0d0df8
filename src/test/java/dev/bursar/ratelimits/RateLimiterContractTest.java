package dev.bursar.ratelimits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.bursar.attribution.Attribution;
import dev.bursar.config.RateLimitConfig;
import dev.bursar.controls.CallFacts;
import dev.bursar.controls.Permit;
import dev.bursar.controls.RateLimitStatus;
import dev.bursar.controls.SpendRefused;
import dev.bursar.controls.SpendRefused.Reason.RateLimited;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What every {@link RateLimiter} must do, seen through {@link RateLimitControl}. Subclasses say where counters live. */
abstract class RateLimiterContractTest {

    /** Half a second into a slot, so slot boundaries are easy to reason about. */
    static final Instant START = Instant.parse("2030-01-01T00:00:00.500Z");

    final MovableClock clock = new MovableClock(START);

    /** A limiter with no counters yet (a fresh key space for Redis). */
    protected abstract RateLimiter newLimiter();

    RateLimitControl control(RateLimitConfig... rules) {
        return new RateLimitControl(List.of(rules), newLimiter(), clock);
    }

    static CallFacts call(String key, String customer, long promptTokens, long maxOutputTokens) {
        Attribution who = new Attribution(key, customer, null, null, null, null, null);
        return new CallFacts(who, "gpt-4o-mini", promptTokens, maxOutputTokens, new BigDecimal("0.01"), START);
    }

    static CallFacts call(String key) {
        return call(key, null, 10, 10);
    }

    static RateLimited refusal(RateLimitControl control, CallFacts facts) {
        try {
            control.admit(facts);
        } catch (SpendRefused e) {
            assertThat(e.getMessage()).isNotBlank();
            return (RateLimited) e.reason();
        }
        throw new AssertionError("expected the call to be rate limited, it was admitted");
    }

    @Test
    void only_calls_a_rule_matches_are_covered() {
        try (RateLimitControl control = control(new RateLimitConfig("customer", "acme", 5, null))) {
            assertThat(control.covers(call("k1", "acme", 1, 1).attribution(), "gpt-4o-mini")).isTrue();
            assertThat(control.covers(call("k1", "globex", 1, 1).attribution(), "gpt-4o-mini")).isFalse();
            assertThat(control.covers(call("k1").attribution(), "gpt-4o-mini")).isFalse();
        }
    }

    @Test
    void rpm_admits_exactly_the_limit_then_refuses_with_a_retry_after() {
        try (RateLimitControl control = control(new RateLimitConfig("key", "*", 5, null))) {
            for (int i = 0; i < 5; i++) {
                control.admit(call("k1"));
            }

            RateLimited refused = refusal(control, call("k1"));

            assertThat(refused.kind()).isEqualTo("requests");
            assertThat(refused.scope()).isEqualTo("key");
            assertThat(refused.match()).isEqualTo("k1");
            assertThat(refused.limit()).isEqualTo(5);
            assertThat(refused.retryAfterMillis()).isPositive().isLessThanOrEqualTo(61_000);
            assertThat(refused.status().limitRequests()).isEqualTo(5);
            assertThat(refused.status().remainingRequests()).isZero();
        }
    }

    @Test
    void tpm_counts_prompt_plus_max_output_and_admits_up_to_the_limit_exactly() {
        try (RateLimitControl control = control(new RateLimitConfig("key", "*", null, 1000))) {
            control.admit(call("k1", null, 300, 100));
            control.admit(call("k1", null, 300, 100));

            RateLimited refused = refusal(control, call("k1", null, 201, 0));
            Permit last = control.admit(call("k1", null, 150, 50));

            assertThat(refused.kind()).isEqualTo("tokens");
            assertThat(refused.limit()).isEqualTo(1000);
            assertThat(refused.retryAfterMillis()).isPositive();
            assertThat(refused.status().remainingTokens()).isEqualTo(200);
            assertThat(last.rateLimits().remainingTokens()).isZero();
        }
    }

    @Test
    void a_call_asking_more_tokens_than_the_tpm_limit_is_refused_as_too_large() {
        try (RateLimitControl control = control(new RateLimitConfig("key", "*", null, 1000))) {
            assertThatThrownBy(() -> control.admit(call("k1", null, 900, 200)))
                    .isInstanceOf(SpendRefused.class)
                    .hasMessageContaining("request too large").hasMessageContaining("lower max_tokens");
        }
    }

    @Test
    void star_gives_every_value_its_own_limit_and_calls_without_the_tag_are_not_limited() {
        try (RateLimitControl control = control(new RateLimitConfig("customer", "*", 2, null))) {
            control.admit(call("k", "acme", 1, 1));
            control.admit(call("k", "acme", 1, 1));
            control.admit(call("k", "globex", 1, 1));
            Permit globex = control.admit(call("k", "globex", 1, 1));
            for (int i = 0; i < 10; i++) {
                assertThat(control.admit(call("k", null, 1, 1)).rateLimits()).isEqualTo(RateLimitStatus.NONE);
            }

            assertThat(refusal(control, call("k", "acme", 1, 1)).match()).isEqualTo("acme");
            assertThat(globex.rateLimits().remainingRequests()).isZero();
        }
    }

    @Test
    void a_rule_for_one_value_leaves_the_others_alone() {
        try (RateLimitControl control = control(new RateLimitConfig("customer", "acme", 1, null))) {
            control.admit(call("k", "acme", 1, 1));

            assertThat(refusal(control, call("k", "acme", 1, 1)).match()).isEqualTo("acme");
            for (int i = 0; i < 5; i++) {
                assertThat(control.admit(call("k", "globex", 1, 1)).rateLimits()).isEqualTo(RateLimitStatus.NONE);
            }
        }
    }

    @Test
    void rules_on_different_scopes_combine_and_a_refusal_by_one_takes_nothing_from_the_others() {
        try (RateLimitControl control = control(
                new RateLimitConfig("key", "*", 10, null), new RateLimitConfig("customer", "acme", 2, null))) {
            control.admit(call("k1", "acme", 1, 1));
            control.admit(call("k1", "acme", 1, 1));

            RateLimited refused = refusal(control, call("k1", "acme", 1, 1));
            Permit other = control.admit(call("k1", "globex", 1, 1));

            assertThat(refused.scope()).isEqualTo("customer");
            assertThat(refused.limit()).isEqualTo(2);
            assertThat(other.rateLimits().limitRequests()).isEqualTo(10);
            assertThat(other.rateLimits().remainingRequests())
                    .as("k1 has 3 calls counted: the refused one took no slot from the key rule").isEqualTo(7);
        }
    }

    @Test
    void the_status_reports_the_tightest_limits_for_the_rate_limit_headers() {
        try (RateLimitControl control = control(
                new RateLimitConfig("key", "*", 10, 10_000), new RateLimitConfig("customer", "*", 3, 50_000))) {
            Permit permit = control.admit(call("k1", "acme", 60, 40));

            RateLimitStatus status = permit.rateLimits();
            assertThat(status.limitRequests()).isEqualTo(3);
            assertThat(status.remainingRequests()).isEqualTo(2);
            assertThat(status.resetRequestsMillis()).isBetween(60_000L, 61_000L);
            assertThat(status.limitTokens()).isEqualTo(10_000);
            assertThat(status.remainingTokens()).isEqualTo(9_900);
            assertThat(status.resetTokensMillis()).isBetween(60_000L, 61_000L);
        }
    }

    @Test
    void settle_gives_back_unused_tokens_and_takes_extra_ones_in_the_window_they_were_taken() {
        try (RateLimitControl control = control(new RateLimitConfig("key", "*", null, 1000))) {
            Permit first = control.admit(call("k1", null, 100, 400));
            control.settle(first, new BigDecimal("0.001"), 120);
            clock.advance(Duration.ofSeconds(5));
            Permit second = control.admit(call("k1", null, 100, 0));
            control.settle(second, new BigDecimal("0.001"), 300);

            Permit third = control.admit(call("k1", null, 10, 0));

            assertThat(second.rateLimits().remainingTokens()).isEqualTo(1000 - 120 - 100);
            assertThat(third.rateLimits().remainingTokens()).isEqualTo(1000 - 120 - 300 - 10);
            clock.advance(Duration.ofSeconds(57));
            assertThat(control.admit(call("k1", null, 10, 0)).rateLimits().remainingTokens())
                    .as("the first call's 120 tokens left the window with the slot they were taken in")
                    .isEqualTo(1000 - 300 - 10 - 10);
        }
    }

    @Test
    void a_settle_that_arrives_after_later_calls_corrects_the_slot_its_call_was_taken_in() {
        try (RateLimitControl control = control(new RateLimitConfig("key", "*", null, 1000))) {
            Permit slow = control.admit(call("k1", null, 100, 500));
            clock.advance(Duration.ofSeconds(5));
            control.admit(call("k1", null, 50, 0));
            control.settle(slow, new BigDecimal("0.002"), 200);

            Permit now = control.admit(call("k1", null, 10, 0));
            clock.advance(Duration.ofSeconds(57));
            Permit later = control.admit(call("k1", null, 10, 0));

            assertThat(now.rateLimits().remainingTokens()).isEqualTo(1000 - 200 - 50 - 10);
            assertThat(later.rateLimits().remainingTokens())
                    .as("the slow call's 200 tokens left with its slot").isEqualTo(1000 - 50 - 10 - 10);
        }
    }

    @Test
    void the_window_rolls_over_exactly_when_the_retry_after_says() {
        try (RateLimitControl control = control(new RateLimitConfig("key", "*", 3, null))) {
            for (int i = 0; i < 3; i++) {
                control.admit(call("k1"));
            }
            clock.advance(Duration.ofSeconds(59));
            long retryAfter = refusal(control, call("k1")).retryAfterMillis();

            clock.advanceMillis(retryAfter - 1);
            refusal(control, call("k1"));
            clock.advanceMillis(1);
            Permit again = control.admit(call("k1"));

            assertThat(retryAfter).isBetween(1L, 2_000L);
            assertThat(again.rateLimits().remainingRequests()).isEqualTo(2);
        }
    }

    @Test
    void after_a_quiet_spell_longer_than_the_window_the_whole_limit_is_back() {
        try (RateLimitControl control = control(new RateLimitConfig("key", "*", 2, 100))) {
            control.admit(call("k1", null, 30, 20));
            control.admit(call("k1", null, 30, 20));
            clock.advance(Duration.ofMinutes(5));

            Permit permit = control.admit(call("k1", null, 30, 20));

            assertThat(permit.rateLimits().remainingRequests()).isEqualTo(1);
            assertThat(permit.rateLimits().remainingTokens()).isEqualTo(50);
        }
    }

    @Test
    void no_sixty_second_span_ever_holds_more_calls_than_the_limit() {
        int rpm = 20;
        Random random = new Random(42);
        List<Long> admitted = new ArrayList<>();
        try (RateLimitControl control = control(new RateLimitConfig("key", "*", rpm, null))) {
            for (int i = 0; i < 600; i++) {
                clock.advanceMillis(random.nextInt(random.nextBoolean() ? 200 : 4_000));
                try {
                    control.admit(call("k1"));
                    admitted.add(clock.millis());
                } catch (SpendRefused refused) {
                    assertThat(refused.reason()).isInstanceOf(RateLimited.class);
                }
            }
        }
        for (int i = 0; i < admitted.size(); i++) {
            long spanStart = admitted.get(i);
            long inSpan = admitted.stream().filter(t -> t >= spanStart && t < spanStart + 60_000).count();
            assertThat(inSpan).as("calls in the 60 s from %d", spanStart).isLessThanOrEqualTo(rpm);
        }
        assertThat(admitted.size()).as("the limit is reached, not merely never crossed").isGreaterThan(100);
    }

    @Test
    void two_hundred_concurrent_admits_let_exactly_rpm_through() throws Exception {
        try (RateLimitControl control = control(new RateLimitConfig("key", "*", 50, null))) {
            assertThat(concurrentAdmits(List.of(control), 200)).isEqualTo(50);
        }
    }

    @Test
    void calls_no_rule_applies_to_get_no_status_and_settle_is_harmless() {
        try (RateLimitControl control = control(new RateLimitConfig("customer", "acme", 1, 10))) {
            Permit permit = control.admit(call("k1", null, 100, 100));
            control.settle(permit, BigDecimal.ZERO, 0);

            assertThat(permit.rateLimits()).isEqualTo(RateLimitStatus.NONE);
        }
    }

    /** Admits {@code calls} times from virtual threads, round-robin over the controls; returns how many got in. */
    static int concurrentAdmits(List<RateLimitControl> controls, int calls) throws Exception {
        AtomicInteger admitted = new AtomicInteger();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                RateLimitControl control = controls.get(i % controls.size());
                done.add(threads.submit(() -> {
                    try {
                        control.admit(call("shared"));
                        admitted.incrementAndGet();
                    } catch (SpendRefused refused) {
                        assertThat(refused.reason()).asInstanceOf(type(RateLimited.class))
                                .extracting(RateLimited::kind).isEqualTo("requests");
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        return admitted.get();
    }
}
