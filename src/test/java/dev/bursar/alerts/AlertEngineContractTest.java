package dev.bursar.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bursar.testing.MutableClock;
import dev.bursar.config.AlertRuleConfig;
import dev.bursar.config.AlertsConfig;
import dev.bursar.config.WebhookConfig;
import dev.bursar.ledger.LedgerStats;
import dev.bursar.ledger.SqlLedger;
import dev.bursar.ledger.UsageEvent;
import dev.bursar.storage.Database;
import dev.bursar.storage.TestStorage;
import dev.bursar.testing.Await;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule against scripted ledger data, de-duplication and replicas; run on SQLite and PostgreSQL. */
abstract class AlertEngineContractTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    TestStorage storage;
    Database db;
    SqlLedger ledger;
    Receiver receiver;
    MutableClock clock;
    List<AlertEngine> engines = new ArrayList<>();

    protected abstract TestStorage newStorage(Path dir);

    static List<AlertRuleConfig> rules() {
        return List.of(
                rule("spike", "spend-spike", "100", null, "5", null, null, 7, null, null, null, null),
                rule("over", "spend-above", null, "50", null, null, null, null, null, "customer", "*", "day"),
                rule("failures", "failure-rate", "20", null, null, null, 10, null, 10, null, null, null),
                rule("loop", "runaway-loop", null, null, null, 20, 10, null, null, null, null, null),
                rule("bloat", "prompt-bloat", "30", null, null, null, null, null, 20, null, null, null));
    }

    static AlertRuleConfig rule(String name, String type, String percent, String usd, String minUsd, Integer count,
                                Integer minutes, Integer days, Integer minRequests, String scope, String match,
                                String window) {
        return new AlertRuleConfig(name, type, percent == null ? null : new BigDecimal(percent),
                usd == null ? null : new BigDecimal(usd), minUsd == null ? null : new BigDecimal(minUsd), count, minutes,
                days, minRequests, scope, match, window);
    }

    @BeforeEach
    void setUp() throws Exception {
        storage = newStorage(dir);
        db = storage.database();
        ledger = new SqlLedger(db);
        receiver = new Receiver();
        clock = new MutableClock(LedgerScript.NOW);
        ledger.appendAll(LedgerScript.steadyBaseline());
    }

    @AfterEach
    void tearDown() {
        engines.forEach(AlertEngine::close);
        receiver.close();
        ledger.close();
        db.close();
        storage.close();
    }

    AlertEngine engine() {
        return engine(Duration.ofSeconds(30));
    }

    AlertEngine engine(Duration evaluateEvery) {
        AlertsConfig config = new AlertsConfig(List.of(new WebhookConfig(receiver.url("/hook"), "json", null)), rules(),
                evaluateEvery);
        AlertEngine e = new AlertEngine(db, new LedgerStats(db), config, Rules.from(config.rules()), clock,
                new RetryPolicy(3, List.of(Duration.ofMillis(50)), Duration.ofSeconds(2)));
        engines.add(e);
        return e;
    }

    static Stream<Arguments> scenarios() {
        return Stream.of(
                Arguments.of("retry storm of failed attempts", (Supplier<List<UsageEvent>>) LedgerScript::retryStorm,
                        "failures", "all"),
                Arguments.of("runaway loop of near-identical requests from one key",
                        (Supplier<List<UsageEvent>>) () -> LedgerScript.runawayLoop(LedgerScript.NOW), "loop",
                        "k-loop fingerprint fp-loop"),
                Arguments.of("spend spike against a steady baseline", (Supplier<List<UsageEvent>>) LedgerScript::spendSpike,
                        "spike", "all"),
                Arguments.of("prompt version with a bloated system prompt",
                        (Supplier<List<UsageEvent>>) LedgerScript::bloatedPrompt, "bloat", "chat v3"),
                Arguments.of("customer over an absolute amount",
                        (Supplier<List<UsageEvent>>) LedgerScript::customerOverAmount, "over", "bigco"));
    }

    @ParameterizedTest(name = "{0} raises {2} once")
    @MethodSource("scenarios")
    void each_rule_fires_exactly_once_on_its_scenario_and_is_delivered_once(
            String scenario, Supplier<List<UsageEvent>> events, String rule, String scopeValue) {
        // given a steady baseline plus the scenario
        ledger.appendAll(events.get());
        AlertEngine engine = engine();

        // when the rules are evaluated twice
        List<AlertRecord> first = engine.evaluateNow();
        List<AlertRecord> second = engine.evaluateNow();
        assertThat(engine.flush(WAIT)).isTrue();

        // then exactly that rule fired, once, and the webhook got it once
        assertThat(first).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo(rule);
            assertThat(a.scopeValue()).isEqualTo(scopeValue);
            assertThat(a.open()).isTrue();
        });
        assertThat(second).isEmpty();
        assertThat(receiver.received()).singleElement().satisfies(r -> {
            assertThat(r.body().path("event").asText()).isEqualTo("fired");
            assertThat(r.body().path("rule").asText()).isEqualTo(rule);
            assertThat(r.body().path("alert_id").asText()).isEqualTo(first.getFirst().id());
        });
        assertThat(engine.recent(10)).extracting(AlertRecord::rule).containsExactly(rule);
    }

    @Test
    void steady_baseline_raises_nothing() {
        AlertEngine engine = engine();

        List<AlertRecord> fired = engine.evaluateNow();
        engine.flush(WAIT);

        assertThat(fired).isEmpty();
        assertThat(receiver.received()).isEmpty();
        assertThat(engine.recent(10)).isEmpty();
    }

    @Test
    void started_engine_evaluates_on_its_schedule() {
        ledger.appendAll(LedgerScript.runawayLoop(LedgerScript.NOW));
        AtomicInteger evaluations = new AtomicInteger();
        AlertsConfig config = new AlertsConfig(List.of(new WebhookConfig(receiver.url("/hook"), "json", null)), rules(),
                Duration.ofMillis(50));
        List<AlertRule> rules = new ArrayList<>(Rules.from(config.rules()));
        rules.add(new CountingRule(evaluations));
        AlertEngine engine = new AlertEngine(db, new LedgerStats(db), config, rules, clock,
                new RetryPolicy(3, List.of(Duration.ofMillis(50)), Duration.ofSeconds(2)));
        engines.add(engine);

        engine.start();
        Await.until("a delivery", WAIT, () -> !receiver.received().isEmpty());
        int afterFirst = evaluations.get();
        Await.until("three more evaluations", WAIT, () -> evaluations.get() >= afterFirst + 3);

        assertThat(receiver.received()).extracting(r -> r.body().path("rule").asText()).containsExactly("loop");
    }

    @Test
    void failure_rate_alert_carries_wasted_spend_and_attempts() {
        ledger.appendAll(LedgerScript.retryStorm());

        AlertRecord a = engine().evaluateNow().getFirst();

        // 24 failed attempts at $0.005; 36 storm attempts + 2 baseline ones in the last 10 minutes
        assertThat(a.numbers().get("wasted_usd")).isEqualByComparingTo("0.12");
        assertThat(a.numbers().get("failed_attempts")).isEqualByComparingTo("24");
        assertThat(a.numbers().get("attempts")).isEqualByComparingTo("38");
        assertThat(a.value()).isEqualByComparingTo("63.16");
        assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void alert_resolves_when_its_condition_clears_and_fires_again_as_a_new_alert() {
        // given an open runaway-loop alert
        ledger.appendAll(LedgerScript.runawayLoop(LedgerScript.NOW));
        AlertEngine engine = engine();
        AlertRecord first = engine.evaluateNow().getFirst();
        engine.flush(WAIT); // deliveries run on their own virtual threads: let "fired" arrive before "resolved" is sent

        // when the loop stops (30 minutes later nothing repeats) and the rules run again
        clock.advance(Duration.ofMinutes(30));
        assertThat(engine.evaluateNow()).isEmpty();
        engine.flush(WAIT);

        // then it is resolved and the receiver hears so
        assertThat(engine.recent(10)).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo(first.id());
            assertThat(a.resolved()).contains(clock.instant());
        });

        // when the loop starts again
        ledger.appendAll(LedgerScript.runawayLoop(clock.instant()));
        List<AlertRecord> again = engine.evaluateNow();
        engine.flush(WAIT);

        // then it is a new alert, delivered again
        assertThat(again).singleElement().satisfies(a -> assertThat(a.id()).isNotEqualTo(first.id()));
        assertThat(receiver.received()).extracting(r -> r.body().path("event").asText() + " " + r.body().path("alert_id").asText())
                .containsExactly("fired " + first.id(), "resolved " + first.id(), "fired " + again.getFirst().id());
    }

    @Test
    void two_engines_on_the_same_database_deliver_once() throws Exception {
        ledger.appendAll(LedgerScript.customerOverAmount());
        ledger.appendAll(LedgerScript.retryStorm());
        AlertEngine a = engine();
        AlertEngine b = engine();

        List<AlertRecord> fired = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<List<AlertRecord>>> runs = pool.invokeAll(List.<Callable<List<AlertRecord>>>of(
                    a::evaluateNow, b::evaluateNow, a::evaluateNow, b::evaluateNow));
            for (Future<List<AlertRecord>> f : runs) {
                fired.addAll(f.get());
            }
        }
        a.flush(WAIT);
        b.flush(WAIT);

        assertThat(fired).extracting(AlertRecord::rule).containsExactlyInAnyOrder("over", "failures");
        assertThat(receiver.received()).extracting(r -> r.body().path("rule").asText())
                .containsExactlyInAnyOrder("over", "failures");
    }

    @Test
    void budget_threshold_alerts_once_per_threshold_and_window() {
        AlertEngine engine = engine();

        engine.budgetThreshold("acme-monthly", "acme", "month", new BigDecimal("0.8"), new BigDecimal("80.50"),
                new BigDecimal("100"));
        engine.flush(WAIT); // each report is saved on its own virtual thread: wait so that "first" is well defined
        engine.budgetThreshold("acme-monthly", "acme", "month", new BigDecimal("0.8"), new BigDecimal("81.00"),
                new BigDecimal("100"));
        engine.flush(WAIT);
        engine.budgetThreshold("acme-monthly", "acme", "month", new BigDecimal("1.0"), new BigDecimal("100.20"),
                new BigDecimal("100"));
        engine.flush(WAIT);

        assertThat(receiver.received()).extracting(r -> r.body().path("window").asText() + " "
                        + r.body().path("severity").asText() + " " + r.body().path("numbers").path("spent_usd").asText())
                .containsExactly("month 2026-03 at 80% warning 80.50", "month 2026-03 at 100% critical 100.20");
    }

    @Test
    void budget_threshold_alerts_again_in_the_next_window() {
        AlertEngine engine = engine();
        engine.budgetThreshold("daily", null, "day", new BigDecimal("0.5"), new BigDecimal("2.5"), new BigDecimal("5"));
        engine.flush(WAIT);

        clock.advance(Duration.ofDays(1));
        engine.budgetThreshold("daily", null, "day", new BigDecimal("0.5"), new BigDecimal("2.6"), new BigDecimal("5"));
        engine.flush(WAIT);

        assertThat(receiver.received()).extracting(r -> r.body().path("window").asText())
                .containsExactly("day 2026-03-10 at 50%", "day 2026-03-11 at 50%");
        assertThat(engine.recent(10)).extracting(AlertRecord::open).containsExactly(true, false);
    }

    @Test
    void budget_store_outage_alerts_once_per_outage_period() {
        AlertEngine engine = engine();

        engine.budgetStoreUnavailable("acme-monthly", "redis 127.0.0.1:6379 refused the connection", true);
        engine.budgetStoreUnavailable("acme-monthly", "redis 127.0.0.1:6379 refused the connection", true);
        engine.flush(WAIT);
        clock.advance(Duration.ofMinutes(AlertEngine.OUTAGE_MINUTES + 1));
        engine.budgetStoreUnavailable("acme-monthly", "still down", false);
        engine.flush(WAIT);

        assertThat(receiver.received()).extracting(r -> r.body().path("message").asText())
                .containsExactly(
                        "Budget store unavailable for budget 'acme-monthly': redis 127.0.0.1:6379 refused the connection;"
                                + " calls are let through without budget checks (fail open)",
                        "Budget store unavailable for budget 'acme-monthly': still down;"
                                + " calls under this budget are refused (fail closed)");
    }

    /** Finds nothing; counts how often the engine evaluated, so a test can wait for evaluations instead of time. */
    private record CountingRule(AtomicInteger count) implements AlertRule {
        @Override
        public String name() {
            return "counting";
        }

        @Override
        public List<Finding> evaluate(RuleContext context) {
            count.incrementAndGet();
            return List.of();
        }
    }
}
