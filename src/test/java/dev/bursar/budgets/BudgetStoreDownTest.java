package dev.bursar.budgets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bursar.config.BudgetConfig;
import dev.bursar.config.RedisConfig;
import dev.bursar.controls.Permit;
import dev.bursar.controls.SpendRefused;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ClientKillParams;

/** What happens when Redis cannot be reached: each budget's on-store-down decides, and the listener hears of it. */
class BudgetStoreDownTest {

    /** Nothing listens on port 1, so every connection is refused at once. */
    private static final RedisConfig NOWHERE = new RedisConfig("redis://127.0.0.1:1", "test-budgets-down");

    private static BudgetConfig budget(String name, String onStoreDown) {
        return new BudgetConfig(name, "customer", "*", "day", null, new BigDecimal("5"), List.of(), "hard", onStoreDown);
    }

    private static BudgetControl control(RedisConfig redis, RecordingEvents events, BudgetConfig... budgets) {
        return new BudgetControl(new BudgetBook(List.of(budgets), new InMemoryBudgetStore()),
                new RedisBudgetCounters(redis, StartingSpend.none()), events);
    }

    @Test
    void aClosedBudgetRefusesTheCallAndSaysTheStoreIsDown() {
        RecordingEvents events = new RecordingEvents();
        try (BudgetControl control = control(NOWHERE, events, budget("open-one", "open"), budget("strict", "closed"))) {

            assertThatThrownBy(() -> control.admit(Budgets.call("acme", "0.10", Instant.now())))
                    .isInstanceOfSatisfying(SpendRefused.class, e -> {
                        assertThat(e.reason()).isInstanceOfSatisfying(SpendRefused.Reason.StoreUnavailable.class,
                                r -> assertThat(r.budget()).isEqualTo("strict"));
                        assertThat(e.getMessage()).contains("127.0.0.1:1").contains("on-store-down: closed");
                    });
            assertThat(events.storeDown).singleElement().satisfies(d -> {
                assertThat(d.budget()).isEqualTo("strict");
                assertThat(d.failedOpen()).isFalse();
            });
        }
    }

    @Test
    void openBudgetsLetTheCallThroughAndReportIt() {
        RecordingEvents events = new RecordingEvents();
        try (BudgetControl control = control(NOWHERE, events, budget("lenient", "open"))) {

            Permit p = control.admit(Budgets.call("acme", "0.10", Instant.now()));
            control.settle(p, new BigDecimal("0.05"), 10);

            assertThat(events.storeDown).hasSize(2).allSatisfy(d -> {
                assertThat(d.budget()).isEqualTo("lenient");
                assertThat(d.failedOpen()).isTrue();
                assertThat(d.message()).contains("127.0.0.1:1");
            });
        }
    }

    @Test
    void aConnectionKilledUnderTheCountersIsReplacedByTheNextCall() {
        try (TestRedis redis = new TestRedis(); Jedis admin = new Jedis("127.0.0.1", 6379)) {
            RecordingEvents events = new RecordingEvents();
            try (BudgetControl control = control(redis.config, events, budget("strict", "closed"))) {
                control.settle(control.admit(Budgets.call("acme", "0.10", Instant.now())), new BigDecimal("0.10"), 1);
                // settles are not waited for; a read on the same connection is answered after the settle was applied,
                // so the kill below cannot take the first settle with it (this test is about the next call)
                control.status();

                long killed = killConnectionsOf(admin, redis);
                assertThat(killed).isPositive();
                Permit after = admitOrStoreDown(control);

                control.settle(after, new BigDecimal("0.10"), 1);
                assertThat(control.status()).singleElement()
                        .satisfies(s -> assertThat(s.spentUsd()).isEqualByComparingTo("0.20"));
            }
        }
    }

    /** Kills only this test's pooled connections (named after its prefix): the Redis is shared with other tests. */
    private static long killConnectionsOf(Jedis admin, TestRedis redis) {
        String name = RedisBudgetCounters.CLIENT_NAME_PREFIX + redis.config.keyPrefix();
        long killed = 0;
        for (String line : admin.clientList().split("\n")) {
            if (line.contains(" name=" + name + " ")) {
                String id = line.replaceAll("^id=(\\d+) .*$", "$1").strip();
                killed += admin.clientKill(new ClientKillParams().id(id));
            }
        }
        return killed;
    }

    /** A killed pooled connection may fail one call (refused, reported); the pool then reconnects. */
    private static Permit admitOrStoreDown(BudgetControl control) {
        try {
            return control.admit(Budgets.call("acme", "0.10", Instant.now()));
        } catch (SpendRefused e) {
            assertThat(e.reason()).isInstanceOf(SpendRefused.Reason.StoreUnavailable.class);
            return control.admit(Budgets.call("acme", "0.10", Instant.now()));
        }
    }

    @Test
    void countersAtAClosedPortThrowStoreUnavailableWithWhatToCheck() {
        try (RedisBudgetCounters c = new RedisBudgetCounters(NOWHERE, StartingSpend.none(), Clock.systemUTC(), Duration.ofMinutes(1))) {
            assertThatThrownBy(() -> c.totals(Budgets.key(budget("b", "closed"), "acme"), Instant.now()))
                    .isInstanceOf(BudgetStoreUnavailable.class)
                    .hasMessageContaining("redis://127.0.0.1:1")
                    .hasMessageContaining("check that Redis runs");
        }
    }
}
