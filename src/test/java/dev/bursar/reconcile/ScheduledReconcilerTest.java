package dev.bursar.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bursar.Stores;
import dev.bursar.config.ReconcileConfig;
import dev.bursar.storage.TestStorage;
import dev.bursar.pricing.PriceCatalog;
import dev.bursar.testing.MutableClock;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schedule and the lease: which days a cycle pulls, once across replicas, failures retried, re-pulls replacing. */
class ScheduledReconcilerTest {

    static final LocalDate YESTERDAY = LocalDate.parse("2026-12-02");

    @TempDir
    Path dir;
    TestStorage storage;
    Stores stores;
    FakeAdminApi openai;
    FakeAdminApi anthropic;
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T06:00:00Z"));
    final AtomicInteger evaluations = new AtomicInteger();

    @BeforeEach
    void setUp() throws Exception {
        storage = newStorage(dir);
        stores = Stores.open(storage.config());
        openai = FakeAdminApi.openAi("sk-admin-openai");
        anthropic = FakeAdminApi.anthropic("sk-ant-admin");
        openai.serve(FakeAdminApi.OPENAI_COSTS, FakeAdminApi.openAiCosts(YESTERDAY,
                Map.of("gpt-4o-2024-08-06", new BigDecimal[] {new BigDecimal("1.25"), new BigDecimal("2.5")})));
        openai.serve(FakeAdminApi.OPENAI_USAGE, FakeAdminApi.openAiUsage(YESTERDAY,
                Map.of("gpt-4o-2024-08-06", new long[] {500_000, 0, 250_000})));
        anthropic.serve(FakeAdminApi.ANTHROPIC_COST, FakeAdminApi.anthropicCost(YESTERDAY,
                Map.of("claude-sonnet-4-20250514", new BigDecimal("0.3885"))));
    }

    @AfterEach
    void tearDown() {
        openai.close();
        anthropic.close();
        stores.close();
        storage.close();
    }

    /** SQLite here; {@link PostgresScheduledReconcilerTest} runs the same on PostgreSQL. */
    protected TestStorage newStorage(Path dir) {
        return TestStorage.sqlite(dir);
    }

    ScheduledReconciler replica(String openAiKey) {
        ReconcileConfig config = new ReconcileConfig(new ReconcileConfig.Admin(openAiKey, openai.baseUrl()),
                new ReconcileConfig.Admin("sk-ant-admin", anthropic.baseUrl()), null, null, null, null, null);
        return new ScheduledReconciler(config, new ReconcileStore(stores.database()),
                new ModelNames(PriceCatalog.bundled()), clock, evaluations::incrementAndGet);
    }

    StoredReconciliation.Comparison stored() {
        return new StoredReconciliation(new ReconcileStore(stores.database()), stores.ledger(),
                new ModelNames(PriceCatalog.bundled()), Tolerance.DEFAULT)
                .compare(YESTERDAY.atStartOfDay(java.time.ZoneOffset.UTC).toInstant(),
                        YESTERDAY.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
    }

    static BigDecimal reportedUsd(StoredReconciliation.Comparison c, Source source) {
        return c.reports().stream().filter(r -> r.source() == source).flatMap(r -> r.rows().stream())
                .map(r -> r.reported().orElse(Side.ZERO).costUsd()).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    void aCyclePullsYesterdayFromEveryProviderWithTheirAdminKeysFollowingEveryPage() {
        List<ScheduledReconciler.Outcome> outcomes = replica("sk-admin-openai").runDue();

        assertThat(outcomes).extracting(ScheduledReconciler.Outcome::day).containsOnly(YESTERDAY);
        assertThat(outcomes).allMatch(ScheduledReconciler.Outcome::ok).hasSize(2);
        // two cost line items -> two pages: the second asked for with the first page's next_page
        assertThat(openai.requests).filteredOn(r -> r.path().equals(FakeAdminApi.OPENAI_COSTS)).hasSize(2)
                .last().satisfies(r -> assertThat(r.query()).contains("page=page_1"));
        assertThat(openai.requests).allSatisfy(r -> {
            assertThat(r.authorization()).isEqualTo("Bearer sk-admin-openai");
            assertThat(r.query()).contains("bucket_width=1d", "start_time=" + 1796169600L, "end_time=" + 1796256000L);
        });
        assertThat(anthropic.requests).hasSize(2).allSatisfy(r -> {
            assertThat(r.apiKey()).isEqualTo("sk-ant-admin");
            assertThat(r.version()).isEqualTo("2023-06-01");
            assertThat(r.authorization()).isNull();
        });
        StoredReconciliation.Comparison c = stored();
        assertThat(reportedUsd(c, Source.OPENAI_COSTS)).isEqualByComparingTo("3.75");
        assertThat(reportedUsd(c, Source.ANTHROPIC_COST)).isEqualByComparingTo("0.3885");
        assertThat(c.reports().stream().filter(r -> r.source() == Source.OPENAI_USAGE).findFirst().orElseThrow().rows())
                .singleElement().satisfies(r -> {
                    assertThat(r.model()).isEqualTo("gpt-4o"); // the dated snapshot, as the ledger names it
                    assertThat(r.reported().orElseThrow().tokens().inputTokens()).isEqualTo(500_000);
                    assertThat(r.verdict()).isEqualTo(Verdict.MISSING_IN_LEDGER);
                });
        assertThat(evaluations).hasValue(1);
    }

    @Test
    void aDayPulledOnceIsNotPulledAgainByTheNextCycleNorByAnotherReplica() {
        replica("sk-admin-openai").runDue();
        int before = openai.requests.size() + anthropic.requests.size();

        assertThat(replica("sk-admin-openai").runDue()).isEmpty();
        clock.advance(Duration.ofHours(3));
        assertThat(replica("sk-admin-openai").runDue()).isEmpty();

        assertThat(openai.requests.size() + anthropic.requests.size()).isEqualTo(before);
    }

    @Test
    void pullingTheSameDayAgainReplacesItsLinesAndNeverDoubleCounts() {
        ScheduledReconciler r = replica("sk-admin-openai");
        r.runDue();
        assertThat(r.pull(YESTERDAY, true)).hasSize(2).allMatch(ScheduledReconciler.Outcome::ok);
        assertThat(r.pull(YESTERDAY, true)).hasSize(2);

        StoredReconciliation.Comparison c = stored();
        assertThat(reportedUsd(c, Source.OPENAI_COSTS)).isEqualByComparingTo("3.75");
        assertThat(c.runs()).filteredOn(run -> run.provider().equals("openai")).singleElement()
                .satisfies(run -> assertThat(run.attempts()).isEqualTo(3));
    }

    @Test
    void aFailedPullIsRecordedAndRetriedAtTheNextCycleWhileOtherProvidersStillPull() {
        List<ScheduledReconciler.Outcome> first = replica("wrong-key").runDue();

        assertThat(first).filteredOn(o -> o.provider().equals("openai")).singleElement().satisfies(o -> {
            assertThat(o.ok()).isFalse();
            assertThat(o.error()).contains("401");
        });
        assertThat(first).filteredOn(o -> o.provider().equals("anthropic")).singleElement()
                .satisfies(o -> assertThat(o.ok()).isTrue());
        assertThat(stored().runs()).filteredOn(run -> run.provider().equals("openai")).singleElement()
                .satisfies(run -> {
                    assertThat(run.status()).isEqualTo("failed");
                    assertThat(run.error()).hasValueSatisfying(e -> assertThat(e).contains("HTTP 401"));
                });

        clock.advance(Duration.ofDays(1)); // the next cycle: yesterday is now 12-03, and 12-02 failed
        openai.failWith(503);
        List<ScheduledReconciler.Outcome> second = replica("sk-admin-openai").runDue();
        assertThat(second).filteredOn(o -> o.day().equals(YESTERDAY)).singleElement()
                .satisfies(o -> assertThat(o.error()).contains("503"));

        clock.advance(Duration.ofDays(1));
        openai.failWith(0);
        List<ScheduledReconciler.Outcome> third = replica("sk-admin-openai").runDue();
        assertThat(third).filteredOn(o -> o.day().equals(YESTERDAY)).singleElement()
                .satisfies(o -> assertThat(o.ok()).isTrue());
        assertThat(reportedUsd(stored(), Source.OPENAI_COSTS)).isEqualByComparingTo("3.75");
        assertThat(stored().runs()).filteredOn(run -> run.provider().equals("openai")).singleElement()
                .satisfies(run -> assertThat(run.attempts()).isEqualTo(3));
    }

    @Test
    void aClaimAnotherReplicaHoldsIsLeftAloneUntilItIsStale() {
        ReconcileStore store = new ReconcileStore(stores.database());
        Instant now = clock.instant();
        assertThat(store.claim(YESTERDAY, "openai", now, now.minus(ScheduledReconciler.STALE), false)).isTrue();

        assertThat(store.claim(YESTERDAY, "openai", now, now.minus(ScheduledReconciler.STALE), false)).isFalse();
        Instant later = now.plus(ScheduledReconciler.STALE).plusSeconds(1);
        assertThat(store.claim(YESTERDAY, "openai", later, later.minus(ScheduledReconciler.STALE), false)).isTrue();
    }

    @Test
    void cyclesFallOnTheConfiguredHourThenEveryPeriod() {
        ScheduledReconciler r = replica("sk-admin-openai");

        assertThat(r.next(Instant.parse("2026-12-03T05:59:00Z"))).isEqualTo(Instant.parse("2026-12-03T06:00:00Z"));
        assertThat(r.next(Instant.parse("2026-12-03T06:00:00Z"))).isEqualTo(Instant.parse("2026-12-04T06:00:00Z"));
        assertThat(r.next(Instant.parse("2026-12-03T23:00:00Z"))).isEqualTo(Instant.parse("2026-12-04T06:00:00Z"));
    }
}
