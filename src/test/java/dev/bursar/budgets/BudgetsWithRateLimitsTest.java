package dev.bursar.budgets;

import static dev.bursar.budgets.Budgets.call;
import static dev.bursar.budgets.Budgets.hard;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bursar.testing.MutableClock;
import dev.bursar.config.RateLimitConfig;
import dev.bursar.controls.CompositeSpendControl;
import dev.bursar.controls.SpendRefused;
import dev.bursar.ratelimits.InProcessRateLimiter;
import dev.bursar.ratelimits.RateLimitControl;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Budgets and rate limits asked together, as the gateway does: all admit or none holds anything. */
class BudgetsWithRateLimitsTest {

    private static final Instant NOON = Instant.parse("2026-03-10T12:00:00Z");
    private final MutableClock clock = new MutableClock(NOON);

    private final BudgetControl budgets = new BudgetControl(
            new BudgetBook(List.of(hard("acme-daily", "customer", "acme", "day", "1")), new InMemoryBudgetStore(), Duration.ofHours(1)),
            new InProcessBudgetCounters(StartingSpend.none(), clock, Duration.ofMinutes(15)), new RecordingEvents(), clock);

    @Test
    void a_call_over_its_rate_holds_no_budget_and_reports_the_rate_limit() {
        RateLimitControl rates = new RateLimitControl(List.of(new RateLimitConfig("customer", "acme", 1, null)),
                new InProcessRateLimiter(), clock);
        CompositeSpendControl both = new CompositeSpendControl(List.of(rates, budgets));

        both.settle(both.admit(call("acme", "0.4", NOON)), new BigDecimal("0.1"), 10);
        assertThatThrownBy(() -> both.admit(call("acme", "0.4", NOON)))
                .isInstanceOfSatisfying(SpendRefused.class, e -> assertThat(e.reason()).isInstanceOf(SpendRefused.Reason.RateLimited.class));

        assertThat(budgets.status()).singleElement().satisfies(s -> {
            assertThat(s.spentUsd()).isEqualByComparingTo("0.1");
            assertThat(s.reservedUsd()).as("the refused call's reservation was given back").isEqualByComparingTo("0");
        });
    }

    @Test
    void a_call_over_its_budget_is_refused_by_the_budget_and_the_next_one_that_fits_is_admitted() {
        RateLimitControl rates = new RateLimitControl(List.of(new RateLimitConfig("customer", "*", 100, null)),
                new InProcessRateLimiter(), clock);
        CompositeSpendControl both = new CompositeSpendControl(List.of(rates, budgets));

        assertThatThrownBy(() -> both.admit(call("acme", "1.5", NOON)))
                .isInstanceOfSatisfying(SpendRefused.class, e -> assertThat(e.reason()).isInstanceOf(SpendRefused.Reason.BudgetExceeded.class));
        both.settle(both.admit(call("acme", "1", NOON)), new BigDecimal("1"), 10);

        assertThat(budgets.status()).singleElement().satisfies(s -> assertThat(s.spentUsd()).isEqualByComparingTo("1"));
    }
}
