package dev.bursar.budgets;

import static dev.bursar.budgets.Budgets.call;
import static dev.bursar.budgets.Budgets.hard;
import static dev.bursar.budgets.Budgets.soft;
import static dev.bursar.budgets.Budgets.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bursar.testing.MutableClock;
import dev.bursar.attribution.Attribution;
import dev.bursar.config.BudgetConfig;
import dev.bursar.controls.CallFacts;
import dev.bursar.controls.Permit;
import dev.bursar.controls.SpendRefused;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BudgetControl over the in-process counters (the Redis side is the same code over another {@link BudgetCounters}). */
class BudgetControlTest {

    private static final Instant NOON = Instant.parse("2026-03-10T12:00:00Z");

    private final MutableClock clock = new MutableClock(NOON);
    private final RecordingEvents events = new RecordingEvents();
    private final InMemoryBudgetStore store = new InMemoryBudgetStore();

    private BudgetControl control(BudgetConfig... fromConfig) {
        return new BudgetControl(new BudgetBook(List.of(fromConfig), store, Duration.ofHours(1)),
                new InProcessBudgetCounters(StartingSpend.none(), clock, Duration.ofMinutes(15)), events, clock);
    }

    @Test
    void aCallThatCouldCrossAHardBudgetIsRefusedWithEveryNumberTheClientNeeds() {
        BudgetControl control = control(hard("acme-daily", "customer", "acme", "day", "1"));
        control.settle(control.admit(call("acme", "0.6", NOON)), usd("0.5"), 100);
        control.admit(call("acme", "0.3", NOON));

        assertThatThrownBy(() -> control.admit(call("acme", "0.3", NOON)))
                .isInstanceOfSatisfying(SpendRefused.class, e -> {
                    assertThat(e.reason()).isEqualTo(new SpendRefused.Reason.BudgetExceeded("acme-daily", "customer", "acme",
                            "day@UTC", usd("1"), usd("0.5"), usd("0.3"), usd("0.3"), Instant.parse("2026-03-11T00:00:00Z")));
                    assertThat(e.getMessage()).contains("acme-daily", "limit $1", "spent $0.5", "reserved by calls in flight $0.3",
                            "resets at 2026-03-11T00:00:00Z", "max_tokens");
                });
    }

    @Test
    void onlyCallsThatABudgetMatchesAreCoveredSoTheOthersSkipAdmission() {
        BudgetControl control = control(hard("acme-daily", "customer", "acme", "day", "1"));

        assertThat(control.covers(call("acme", "0", NOON).attribution(), "gpt-4o")).isTrue();
        assertThat(control.covers(call("globex", "0", NOON).attribution(), "gpt-4o")).isFalse();
        assertThat(control(/* none */).covers(call("acme", "0", NOON).attribution(), "gpt-4o")).isFalse();
    }

    @Test
    void softBudgetsNeverRefuseButCountTheActualCost() {
        BudgetControl control = control(soft("watch", "customer", "acme", "day", "0.10"));

        control.settle(control.admit(call("acme", "1", NOON)), usd("0.7"), 100);

        assertThat(control.status()).singleElement().satisfies(s -> {
            assertThat(s.spentUsd()).isEqualByComparingTo("0.7");
            assertThat(s.remainingUsd()).isEqualByComparingTo("0");
            assertThat(s.hard()).isFalse();
        });
    }

    @Test
    void aCallWithNoCustomerIsInNoCustomerBudgetButStillInTheGlobalOne() {
        BudgetControl control = control(hard("per-customer", "customer", "*", "day", "0"),
                hard("everyone", "global", null, "day", "5"));
        CallFacts anonymous = new CallFacts(Attribution.NONE, "gpt-4o", 10, 10, usd("2"), NOON);

        control.settle(control.admit(anonymous), usd("2"), 20);

        assertThatThrownBy(() -> control.admit(call("acme", "0.01", NOON)))
                .isInstanceOfSatisfying(SpendRefused.class, e -> assertThat(((SpendRefused.Reason.BudgetExceeded) e.reason())
                        .budget()).isEqualTo("per-customer"));
        assertThat(control.status()).extracting(BudgetStatus::budget, BudgetStatus::value, s -> s.spentUsd().stripTrailingZeros())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("per-customer", "acme", BigDecimal.ZERO),
                        org.assertj.core.groups.Tuple.tuple("everyone", "all", usd("2")));
    }

    @Test
    void eachAlertFractionIsReportedOnceByTheSettleThatCrossesIt() {
        BudgetConfig watched = new BudgetConfig("acme", "customer", "acme", "month", null, usd("10"),
                List.of(usd("0.5"), usd("0.8"), usd("1.0")), "soft", null);
        BudgetControl control = control(watched);

        for (String cost : List.of("4", "1.5", "1", "3", "0.5", "2")) {
            control.settle(control.admit(call("acme", "5", NOON)), usd(cost), 10);
        }

        assertThat(events.thresholds).extracting(t -> t.fraction().toPlainString(), t -> t.spentUsd().stripTrailingZeros().toPlainString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("0.5", "5.5"),
                        org.assertj.core.groups.Tuple.tuple("0.8", "9.5"),
                        org.assertj.core.groups.Tuple.tuple("1.0", "10"));
        assertThat(events.thresholds.getFirst().instance().start()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
    }

    @Test
    void budgetsFromTheConfigFileAreReadOnlyAtRunTime() {
        BudgetControl control = control(hard("from-yaml", "customer", "acme", "day", "1"));

        assertThatThrownBy(() -> control.budgets().remove("from-yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("defined in bursar.yaml").hasMessageContaining("read-only");
        assertThatThrownBy(() -> control.budgets().set(hard("from-yaml", "customer", "acme", "day", "9")))
                .hasMessageContaining("read-only");
    }

    @Test
    void aBudgetAddedAtRunTimeAppliesToTheNextCallAndGoesAwayWhenRemoved() {
        BudgetControl control = control();
        control.admit(call("acme", "3", NOON));

        control.budgets().set(hard("runtime", "customer", "acme", "day", "2"));
        assertThatThrownBy(() -> control.admit(call("acme", "3", NOON))).isInstanceOf(SpendRefused.class);
        assertThat(control.budgets().remove("runtime")).isTrue();

        assertThat(control.admit(call("acme", "3", NOON))).isNotNull();
        assertThat(control.budgets().remove("runtime")).isFalse();
    }

    @Test
    void statusShowsEveryValueOfAStarBudgetSeenInTheCurrentWindow() {
        BudgetControl control = control(hard("per-customer", "customer", "*", "day", "5"),
                hard("acme-month", "customer", "acme", "month", "100"));
        control.settle(control.admit(call("acme", "1", NOON)), usd("0.25"), 1);
        control.admit(call("globex", "2", NOON));
        control.settle(control.admit(call("acme", "1", NOON.minus(Duration.ofDays(1)))), usd("1"), 1);

        List<BudgetStatus> status = control.status();

        assertThat(status).extracting(BudgetStatus::budget, BudgetStatus::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple("per-customer", "acme"),
                org.assertj.core.groups.Tuple.tuple("per-customer", "globex"),
                org.assertj.core.groups.Tuple.tuple("acme-month", "acme"));
        BudgetStatus globex = status.get(1);
        assertThat(globex.reservedUsd()).isEqualByComparingTo("2");
        assertThat(globex.remainingUsd()).isEqualByComparingTo("3");
        assertThat(globex.windowStart()).isEqualTo(Instant.parse("2026-03-10T00:00:00Z"));
        assertThat(globex.resetsAt()).isEqualTo(Instant.parse("2026-03-11T00:00:00Z"));
        assertThat(globex.fromConfig()).isTrue();
        assertThat(status.get(2).spentUsd()).isEqualByComparingTo("1.25");
    }

    @Test
    void aPermitWithNoBudgetsSettlesToNothing() {
        BudgetControl control = control(hard("acme-only", "customer", "acme", "day", "1"));

        Permit p = control.admit(call("globex", "50", NOON));
        control.settle(p, BigDecimal.TEN, 1);

        assertThat(control.status()).singleElement().satisfies(s -> assertThat(s.spentUsd()).isEqualByComparingTo("0"));
    }
}
