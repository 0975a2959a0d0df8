package dev.bursar.ledger;

import static dev.bursar.ledger.AttemptStatus.ERROR;
import static dev.bursar.ledger.AttemptStatus.OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.bursar.attribution.Attribution;
import dev.bursar.pricing.Usage;
import dev.bursar.storage.Database;
import dev.bursar.storage.TestStorage;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger's windowed queries (what alert rules read), on SQLite and PostgreSQL. */
abstract class LedgerStatsContractTest {

    static final Instant DAY = Instant.parse("2026-03-10T00:00:00Z");

    @TempDir
    Path dir;
    TestStorage storage;
    Database db;
    SqlLedger ledger;
    LedgerStats stats;

    protected abstract TestStorage newStorage(Path dir);

    @BeforeEach
    void setUp() {
        storage = newStorage(dir);
        db = storage.database();
        ledger = new SqlLedger(db);
        stats = new LedgerStats(db);
    }

    @AfterEach
    void tearDown() {
        ledger.close();
        db.close();
        storage.close();
    }

    /** One attempt of {@code request}; tags are (key, customer, feature, prompt version), null when missing. */
    static UsageEvent row(String request, Instant time, AttemptStatus status, String[] tags, long inputTokens, String cost,
                          String fingerprint) {
        Attribution a = new Attribution(tags[0], tags[1], null, null, tags[2], null, tags[3]);
        boolean failed = status == ERROR;
        return new UsageEvent(UUID.randomUUID().toString(), request, time, a,
                new UsageEvent.Models("gpt-4o", "gpt-4o", "gpt-4o-2024-08-06", "openai", "direct"),
                new UsageEvent.Call(Endpoint.CHAT, false, false, 1, "none", fingerprint),
                Usage.of(inputTokens, 10),
                new UsageEvent.Charge(new BigDecimal(cost), BigDecimal.ZERO, "2026-01-01", false, null),
                new UsageEvent.Outcome(failed ? 502 : 200, status, failed ? "upstream_5xx" : null, 1_000, -1));
    }

    static String[] tags(String key, String customer, String feature, String promptVersion) {
        return new String[] {key, customer, feature, promptVersion};
    }

    static TimeRange range(String from, String to) {
        return new TimeRange(Instant.parse(from), Instant.parse(to));
    }

    @Test
    void costs_sum_each_window_exactly_with_the_end_excluded() {
        String[] t = tags("k", "acme", null, null);
        ledger.appendAll(List.of(
                row("r1", Instant.parse("2026-03-10T10:00:00Z"), OK, t, 1, "0.000000000001", null),
                row("r2", Instant.parse("2026-03-10T10:59:59.999999Z"), OK, t, 1, "1.25", null),
                row("r3", Instant.parse("2026-03-10T11:00:00Z"), OK, t, 1, "7", null)));

        List<BigDecimal> costs = stats.costs(List.of(range("2026-03-10T10:00:00Z", "2026-03-10T11:00:00Z"),
                range("2026-03-10T10:30:00Z", "2026-03-10T11:00:00.000001Z"),
                range("2026-03-09T10:00:00Z", "2026-03-09T11:00:00Z")));

        assertThat(costs).extracting(BigDecimal::toPlainString)
                .containsExactly("1.250000000001", "8.250000000000", "0.000000000000");
    }

    @Test
    void attempts_count_failures_and_what_they_cost_and_read_zero_for_an_empty_window() {
        String[] t = tags("k", "acme", null, null);
        Instant at = Instant.parse("2026-03-10T10:05:00Z");
        ledger.appendAll(List.of(row("r1", at, ERROR, t, 1, "0.005", null), row("r1", at.plusSeconds(1), ERROR, t, 1,
                "0.005", null), row("r1", at.plusSeconds(2), OK, t, 1, "0.02", null)));

        AttemptTotals storm = stats.attempts(range("2026-03-10T10:00:00Z", "2026-03-10T10:10:00Z"));
        AttemptTotals quiet = stats.attempts(range("2026-03-10T11:00:00Z", "2026-03-10T11:10:00Z"));

        assertThat(storm.attempts()).isEqualTo(3);
        assertThat(storm.failedAttempts()).isEqualTo(2);
        assertThat(storm.failedCostUsd()).isEqualByComparingTo("0.01");
        assertThat(quiet).isEqualTo(new AttemptTotals(0, 0, BigDecimal.ZERO.setScale(12)));
    }

    @Test
    void repeated_requests_count_distinct_requests_per_key_and_fingerprint_above_the_threshold() {
        Instant at = Instant.parse("2026-03-10T10:00:00Z");
        String[] keyed = tags("k-loop", null, null, null);
        String[] keyless = tags(null, null, null, null);
        ledger.appendAll(List.of(
                row("a", at, ERROR, keyed, 1, "0.5", "fp-1"), row("a", at.plusSeconds(1), OK, keyed, 1, "1", "fp-1"),
                row("b", at.plusSeconds(2), OK, keyed, 1, "1", "fp-1"),
                row("c", at.plusSeconds(3), OK, keyed, 1, "1", "fp-1"),
                row("d", at.plusSeconds(4), OK, keyed, 1, "1", "fp-2"),
                row("e", at.plusSeconds(5), OK, keyless, 1, "2", "fp-1"),
                row("f", at.plusSeconds(6), OK, keyless, 1, "2", "fp-1"),
                row("g", at.plusSeconds(7), OK, keyless, 1, "2", "fp-1"),
                row("h", at.plusSeconds(8), OK, keyless, 1, "2", null),
                row("i", at.plusSeconds(9), OK, keyless, 1, "2", null),
                row("j", at.plusSeconds(10), OK, keyless, 1, "2", null)));

        List<RepeatedRequests> loops = stats.repeatedRequests(range("2026-03-10T10:00:00Z", "2026-03-10T10:10:00Z"), 2);

        // a's retry is the same request; fp-2 is one request; rows without a fingerprint are never a loop
        assertThat(loops).extracting(r -> r.keyId() + "/" + r.fingerprint() + "/" + r.requests() + "/"
                + r.costUsd().stripTrailingZeros().toPlainString()).containsExactly("/fp-1/3/6", "k-loop/fp-1/3/3.5");
        assertThat(stats.repeatedRequests(range("2026-03-10T10:00:00Z", "2026-03-10T10:10:00Z"), 3)).isEmpty();
    }

    @Test
    void spend_above_lists_attributed_values_over_the_amount_from_rows_just_appended() {
        Instant noon = Instant.parse("2026-03-10T12:00:00Z");
        ledger.append(row("r1", noon, OK, tags("k1", "acme", null, null), 1, "30", null));
        ledger.append(row("r2", noon.plusSeconds(60), OK, tags("k1", "acme", null, null), 1, "25", null));
        ledger.append(row("r3", noon.plusSeconds(120), OK, tags("k2", "globex", null, null), 1, "50", null));
        ledger.append(row("r4", noon.plusSeconds(180), OK, tags("k2", null, null, null), 1, "99", null));
        ledger.append(row("r5", noon.minus(Duration.ofDays(1)), OK, tags("k3", "initech", null, null), 1, "99", null));
        TimeRange day = range("2026-03-10T00:00:00Z", "2026-03-11T00:00:00Z");
        TimeRange hour = range("2026-03-10T12:00:00Z", "2026-03-10T13:00:00Z");

        // unattributed spend ($99) is not a value; "above" is strict ($50 is not above $50)
        assertThat(stats.spendAbove(Dimension.CUSTOMER, day, new BigDecimal("50"))).extracting(ScopeSpend::value,
                s -> s.costUsd().stripTrailingZeros().toPlainString()).containsExactly(tuple("acme", "55"));
        assertThat(stats.spendAbove(Dimension.CUSTOMER, hour, new BigDecimal("49.99"))).extracting(ScopeSpend::value)
                .containsExactly("acme", "globex");
        assertThat(stats.spendAbove(Dimension.KEY, "k2", day, BigDecimal.ONE)).extracting(ScopeSpend::value)
                .containsExactly("k2");
        assertThat(stats.spendAbove(Dimension.KEY, "k3", day, BigDecimal.ONE)).isEmpty();
    }

    @Test
    void spend_above_refuses_windows_the_roll_ups_cannot_answer() {
        assertThatThrownBy(() -> stats.spendAbove(Dimension.CUSTOMER, range("2026-03-10T12:30:00Z",
                "2026-03-10T13:00:00Z"), BigDecimal.ONE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whole UTC hours");
        assertThatThrownBy(() -> stats.spendAbove(Dimension.USER, range("2026-03-10T12:00:00Z",
                "2026-03-10T13:00:00Z"), BigDecimal.ONE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user");
    }

    @Test
    void prompt_versions_sum_input_tokens_and_rows_per_feature_from_the_first_hour_seen() {
        String[] v1 = tags("k", "acme", "chat", "v1");
        String[] v2 = tags("k", "acme", "chat", "v2");
        ledger.appendAll(List.of(
                row("r1", DAY.plus(Duration.ofMinutes(70)), OK, v1, 1000, "0.1", null),
                row("r2", DAY.plus(Duration.ofMinutes(200)), ERROR, v1, 900, "0.1", null),
                row("r3", DAY.plus(Duration.ofMinutes(200)), OK, v2, 1500, "0.1", null),
                row("r4", DAY.plus(Duration.ofMinutes(250)), OK, tags("k", "acme", null, "v9"), 10, "0.1", null),
                row("r5", DAY.plus(Duration.ofMinutes(250)), OK, tags("k", "acme", "chat", null), 10, "0.1", null)));

        List<PromptVersionUsage> versions = stats.promptVersions(new TimeRange(DAY, DAY.plus(Duration.ofDays(1))));

        assertThat(versions).containsExactlyInAnyOrder(
                new PromptVersionUsage("chat", "v1", DAY.plus(Duration.ofHours(1)), 1900, 2),
                new PromptVersionUsage("chat", "v2", DAY.plus(Duration.ofHours(3)), 1500, 1),
                new PromptVersionUsage("", "v9", DAY.plus(Duration.ofHours(4)), 10, 1));
    }
}
