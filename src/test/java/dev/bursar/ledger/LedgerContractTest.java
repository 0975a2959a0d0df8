package dev.bursar.ledger;

import static dev.bursar.ledger.AttemptStatus.CLIENT_CANCELLED;
import static dev.bursar.ledger.AttemptStatus.ERROR;
import static dev.bursar.ledger.AttemptStatus.OK;
import static dev.bursar.ledger.TestEvents.dims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bursar.Stores;
import dev.bursar.attribution.Attribution;
import dev.bursar.ledger.SpendPlan.Source;
import dev.bursar.pricing.Usage;
import dev.bursar.storage.TestStorage;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What every ledger backend must do. Subclasses say which database. */
abstract class LedgerContractTest {

    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    static final Instant FAR_PAST = Instant.parse("2000-01-01T00:00:00Z");
    static final Instant FAR_FUTURE = Instant.parse("2100-01-01T00:00:00Z");

    @TempDir
    Path dir;
    TestStorage testStorage;
    Stores storage;
    Ledger ledger;

    protected abstract TestStorage newStorage(Path dir);

    @BeforeEach
    void open() {
        testStorage = newStorage(dir);
        storage = Stores.open(testStorage.config());
        ledger = storage.ledger();
    }

    @AfterEach
    void closeAll() {
        storage.close();
        testStorage.close();
    }

    @Test
    void appendedEventsAreCounted() {
        ledger.append(TestEvents.simple("a", T0, "acme", "0.01"));
        ledger.append(TestEvents.simple("b", T0, "acme", "0.02"));

        assertThat(ledger.count()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0000375", "5000", "0.000000000001", "0", "1234567.123456789012", "0.1"})
    void moneyRoundTripsExactly(String amount) throws Exception {
        ledger.append(TestEvents.event("m", T0, Attribution.NONE, "gpt-4o", OK, "hit_exact", Usage.ZERO, amount, amount));

        JsonNode row = new ObjectMapper().readTree(export(ExportFormat.JSONL).strip());
        SpendRow total = ledger.spend(new SpendQuery(List.of(), FAR_PAST, FAR_FUTURE)).getFirst();

        assertThat(new BigDecimal(row.get("cost_usd").asText())).isEqualByComparingTo(amount);
        assertThat(new BigDecimal(row.get("saved_usd").asText())).isEqualByComparingTo(amount);
        assertThat(total.costUsd()).isEqualByComparingTo(amount);
        assertThat(total.savedUsd()).isEqualByComparingTo(amount);
    }

    @Test
    void aCostFinerThanOnePicodollarIsRefusedAndNothingIsWritten() {
        assertThatThrownBy(() -> ledger.append(TestEvents.simple("x", T0, "acme", "0.0000000000001")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finer than 1e-12 USD");
        assertThat(ledger.count()).isZero();
    }

    @Test
    void aCostBeyondThePerRowLimitIsRefusedBeforeQueueing() {
        assertThatThrownBy(() -> ledger.append(TestEvents.simple("big", T0, "acme", "10000000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("per-row limit");
    }

    @Test
    void aDuplicateEventIdFailsOnlyThatCaller() {
        ledger.append(TestEvents.simple("dup", T0, "acme", "1"));

        assertThatThrownBy(() -> ledger.append(TestEvents.simple("dup", T0, "acme", "1")))
                .isInstanceOf(LedgerException.class)
                .hasMessageContaining("dup");
        ledger.append(TestEvents.simple("after", T0, "acme", "1"));
        assertThat(ledger.count()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Dimension.class)
    void spendGroupedByEachDimensionMatchesABruteForceSum(Dimension d) {
        List<UsageEvent> events = TestEvents.fixture(T0, 3, 300, 7);
        events.forEach(ledger::append);
        SpendQuery q = new SpendQuery(dims(d), T0, T0.plusSeconds(3 * 86_400));

        List<SpendRow> rows = ledger.spend(q);

        assertThat(rows).containsExactlyInAnyOrderElementsOf(TestEvents.bruteForce(events, q));
        assertThat(rows).isSortedAccordingTo(Comparator.comparing(SpendRow::costUsd).reversed());
        if (d != Dimension.MODEL && d != Dimension.PROVIDER && d != Dimension.STATUS && d != Dimension.CACHE
                && d != Dimension.DAY && d != Dimension.HOUR) {
            assertThat(rows).extracting(r -> r.group().getFirst()).contains(SpendRow.UNATTRIBUTED);
        }
    }

    @Test
    void failedAttemptsCancelledRequestsAndCacheHitsAreCountedApart() {
        Attribution a = new Attribution("key_1", "acme", null, null, "chat", null, null);
        ledger.append(TestEvents.event("f1", T0, a, "gpt-4o", ERROR, "none", Usage.of(100, 0), "0.001", "0"));
        ledger.append(TestEvents.event("f2", T0, a, "gpt-4o", OK, "miss", Usage.of(100, 50), "0.002", "0"));
        ledger.append(TestEvents.event("f3", T0, a, "gpt-4o", OK, "hit_exact", Usage.of(100, 50), "0", "0.003"));
        ledger.append(TestEvents.event("f4", T0, a, "gpt-4o", CLIENT_CANCELLED, "none", Usage.of(100, 7), "0.0005", "0"));

        SpendRow r = ledger.spend(new SpendQuery(dims(Dimension.CUSTOMER), FAR_PAST, FAR_FUTURE)).getFirst();

        assertThat(r.group()).containsExactly("acme");
        assertThat(r.requests()).isEqualTo(3);
        assertThat(r.attempts()).isEqualTo(3);
        assertThat(r.failedAttempts()).isEqualTo(1);
        assertThat(r.costUsd()).isEqualByComparingTo("0.0035");
        assertThat(r.failedCostUsd()).isEqualByComparingTo("0.001");
        assertThat(r.savedUsd()).isEqualByComparingTo("0.003");
        assertThat(r.tokens()).isEqualTo(new Usage(400, 0, 0, 0, 107, 0));
    }

    @Test
    void rangesThatCutHoursAndDaysAgreeWithABruteForceSum() {
        List<UsageEvent> events = TestEvents.fixture(Instant.parse("2026-02-26T00:00:00Z"), 36, 800, 11);
        events.forEach(ledger::append);
        List<Instant[]> ranges = List.of(
                range("2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z"),   // one whole month
                range("2026-02-27T10:10:10Z", "2026-04-01T05:30:00Z"),   // a month, days, hours and raw rows
                range("2026-03-01T00:00:00Z", "2026-03-05T00:00:00Z"),   // whole days only
                range("2026-03-01T05:17:00Z", "2026-03-03T19:42:10Z"),   // cuts hours and days at both ends
                range("2026-03-01T05:00:00Z", "2026-03-03T19:00:00Z"),   // whole hours, partial days
                range("2026-03-02T10:20:00Z", "2026-03-02T10:40:00Z"),   // inside one hour: raw only
                range("2026-03-02T10:20:00Z", "2026-03-02T13:40:00Z"),   // hours inside one day
                range("2026-02-28T23:59:59Z", "2026-03-04T00:00:00.000001Z"));
        List<List<Dimension>> groupings = List.of(List.of(), dims(Dimension.CUSTOMER, Dimension.FEATURE),
                dims(Dimension.MODEL, Dimension.KEY, Dimension.ENVIRONMENT), dims(Dimension.DAY), dims(Dimension.HOUR),
                dims(Dimension.USER, Dimension.PROMPT_VERSION), dims(Dimension.TEAM, Dimension.PROVIDER));
        for (Instant[] r : ranges) {
            for (List<Dimension> g : groupings) {
                SpendQuery q = new SpendQuery(g, r[0], r[1]);
                assertThat(ledger.spend(q)).as("%s from %s to %s", g, r[0], r[1])
                        .containsExactlyInAnyOrderElementsOf(TestEvents.bruteForce(events, q));
            }
        }
    }

    @Test
    void wholeMonthsAreAnsweredFromMonthlyRollupsUnlessGroupedByDayOrHour() {
        SpendQuery q = new SpendQuery(dims(Dimension.CUSTOMER), Instant.parse("2026-02-27T10:10:10Z"),
                Instant.parse("2026-04-02T03:30:00Z"));

        assertThat(SpendReader.planOf(q)).extracting(SpendPlan.Segment::source).containsExactly(Source.RAW,
                Source.HOURLY, Source.DAILY, Source.MONTHLY, Source.DAILY, Source.HOURLY, Source.RAW);
        assertThat(SpendReader.planOf(new SpendQuery(dims(Dimension.DAY), q.from(), q.to())))
                .extracting(SpendPlan.Segment::source)
                .containsExactly(Source.RAW, Source.HOURLY, Source.DAILY, Source.HOURLY, Source.RAW);
    }

    @Test
    void wholeDaysAreAnsweredFromDailyRollupsAndEdgesFromHourlyAndRawRows() {
        SpendQuery q = new SpendQuery(dims(Dimension.CUSTOMER), Instant.parse("2026-03-01T05:17:00Z"),
                Instant.parse("2026-03-04T19:42:00Z"));

        assertThat(SpendReader.planOf(q)).extracting(SpendPlan.Segment::source)
                .containsExactly(Source.RAW, Source.HOURLY, Source.DAILY, Source.HOURLY, Source.RAW);
        assertThat(SpendReader.planOf(new SpendQuery(dims(Dimension.USER), q.from(), q.to())))
                .extracting(SpendPlan.Segment::source).containsExactly(Source.RAW);
        assertThat(SpendReader.planOf(new SpendQuery(dims(Dimension.HOUR), q.from(), q.to())))
                .extracting(SpendPlan.Segment::source).containsExactly(Source.RAW, Source.HOURLY, Source.RAW);
    }

    @Test
    void anEmptyRangeGivesOneZeroTotalRowOrNoGroups() {
        SpendQuery total = new SpendQuery(List.of(), T0, T0.plusSeconds(60));

        assertThat(ledger.spend(total)).singleElement()
                .satisfies(r -> assertThat(r.requests()).isZero())
                .satisfies(r -> assertThat(r.costUsd()).isZero());
        assertThat(ledger.spend(new SpendQuery(dims(Dimension.CUSTOMER), T0, T0.plusSeconds(60)))).isEmpty();
    }

    @Test
    void exportsJsonlWithEveryFieldOldestFirst() throws Exception {
        Attribution a = new Attribution("key_1", "acme", "u1", "core", "chat", "production", "v3");
        UsageEvent late = TestEvents.event("late", T0.plusSeconds(10), a, "gpt-4o", OK, "none", new Usage(100, 20, 5, 1, 50, 10),
                "0.0000375", "0");
        UsageEvent early = TestEvents.simple("early", T0, null, "1");
        ledger.append(late);
        ledger.append(early);

        List<String> lines = export(ExportFormat.JSONL).strip().lines().toList();

        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        JsonNode second = new ObjectMapper().readTree(lines.get(1));
        assertThat(first.get("event_id").asText()).isEqualTo("early");
        assertThat(first.get("customer").isNull()).isTrue();
        assertThat(second.get("time").asText()).isEqualTo(late.time().toString());
        assertThat(second.get("cost_usd").isTextual()).isTrue();
        assertThat(second.get("cost_usd").asText()).isEqualTo("0.0000375");
        assertThat(second.get("prompt_version").asText()).isEqualTo("v3");
        assertThat(second.get("cache_write_5m_tokens").asLong()).isEqualTo(5);
        assertThat(second.get("raw_usage").asText()).isEqualTo(late.charge().rawUsage());
        assertThat(second.get("stream").asBoolean()).isTrue();
        assertThat(second.size()).isEqualTo(Exporter.fields(late).size());
    }

    @Test
    void everyPartOfAnEventIsExportedUnderItsOwnFieldWithTheStoredLabels() {
        Attribution a = new Attribution("key_9", "acme", "u1", "core", "chat", "production", "v3");
        UsageEvent e = new UsageEvent("all", "req-all", T0.plusSeconds(5).plusNanos(123_000), a,
                new UsageEvent.Models("fast", "claude-3-5-haiku-20241022", "claude-3-5-haiku-latest", "anthropic", "alias"),
                new UsageEvent.Call(Endpoint.MESSAGES, true, true, 2, "miss", "fp-1", new PromptPrefix("ab12cd34ef56ab78", 2048)),
                new Usage(100, 20, 5, 1, 50, 10),
                new UsageEvent.Charge(new BigDecimal("0.0000375"), BigDecimal.ZERO, "2026-01-01", true, "{\"input_tokens\":100}"),
                new UsageEvent.Outcome(499, CLIENT_CANCELLED, null, 1_234, 567));
        ledger.append(e);

        assertThat(export(ExportFormat.JSONL)).isEqualTo("""
                {"event_id":"all","request_id":"req-all","time":"2026-03-01T00:00:05.000123Z","key_id":"key_9",\
                "customer":"acme","user":"u1","team":"core","feature":"chat","environment":"production",\
                "prompt_version":"v3","requested_model":"fast","served_model":"claude-3-5-haiku-20241022",\
                "upstream_model":"claude-3-5-haiku-latest","provider":"anthropic","endpoint":"messages",\
                "routing_reason":"alias","cache_outcome":"miss","input_tokens":100,"cached_input_tokens":20,\
                "cache_write_5m_tokens":5,"cache_write_1h_tokens":1,"output_tokens":50,"reasoning_tokens":10,\
                "cost_usd":"0.0000375","saved_usd":"0","price_version":"2026-01-01","cost_estimated":true,\
                "latency_micros":1234,"ttft_micros":567,"http_status":499,"status":"client_cancelled",\
                "error_class":null,"attempt":2,"batch":true,"stream":true,"raw_usage":"{\\"input_tokens\\":100}",\
                "fingerprint":"fp-1","cache":"miss","prefix_hash":"ab12cd34ef56ab78","prefix_tokens":2048}
                """);
    }

    @ParameterizedTest
    @EnumSource(AttemptStatus.class)
    void eachStatusIsStoredUnderItsLabel(AttemptStatus status) {
        ledger.append(TestEvents.event("s", T0, Attribution.NONE, "gpt-4o", status, "none", Usage.of(1, 1), "0.01", "0"));

        assertThat(export(ExportFormat.CSV).lines().skip(1).findFirst().orElseThrow()).contains("," + status.label() + ",");
        assertThat(status.label()).isIn("ok", "error", "client_cancelled");
    }

    @Test
    void anEventWithoutAStatusIsRefusedBeforeQueueing() {
        UsageEvent ok = TestEvents.simple("no-status", T0, "acme", "1");
        UsageEvent noStatus = new UsageEvent(ok.eventId(), ok.requestId(), ok.time(), ok.attribution(), ok.models(),
                ok.call(), ok.usage(), ok.charge(), new UsageEvent.Outcome(200, null, null, 1, -1));

        assertThatThrownBy(() -> ledger.append(noStatus))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-status").hasMessageContaining("status is required");
        assertThat(ledger.count()).isZero();
    }

    @Test
    void exportsCsvWithAHeaderRowAndQuotedValues() {
        UsageEvent e = TestEvents.simple("c1", T0, "acme, inc", "5000");
        ledger.append(e);

        List<String> lines = export(ExportFormat.CSV).lines().toList();

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("event_id,request_id,time,key_id,customer,");
        assertThat(lines.get(1)).startsWith("c1,req-c1,2026-03-01T00:00:00Z,key_1,\"acme, inc\",");
        assertThat(lines.get(1)).contains(",5000,0,");
    }

    @Test
    void appendsFrom64VirtualThreadsAreAllPresent() throws Exception {
        int perThread = 40;
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 64; t++) {
                int thread = t;
                futures.add(pool.submit(() -> IntStream.range(0, perThread).forEach(i ->
                        ledger.append(TestEvents.simple("t" + thread + "-" + i, T0.plusSeconds(i), "c" + thread, "0.000001")))));
            }
            for (var f : futures) {
                f.get();
            }
        }

        assertThat(ledger.count()).isEqualTo(64L * perThread);
        SpendRow total = ledger.spend(new SpendQuery(List.of(), FAR_PAST, FAR_FUTURE)).getFirst();
        assertThat(total.requests()).isEqualTo(64L * perThread);
        assertThat(total.costUsd()).isEqualByComparingTo(new BigDecimal("0.000001").multiply(BigDecimal.valueOf(64L * perThread)));
    }

    @Test
    void closeWritesEverythingAlreadyAcknowledgedAndRefusesLaterAppends() {
        ledger.append(TestEvents.simple("before", T0, "acme", "1"));
        ledger.close();

        assertThatThrownBy(() -> ledger.append(TestEvents.simple("after", T0, "acme", "1")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        try (Stores reopened = Stores.open(testStorage.config())) {
            assertThat(reopened.ledger().count()).isEqualTo(1);
        }
    }

    private String export(ExportFormat format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ledger.export(new ExportQuery(FAR_PAST, FAR_FUTURE, 0), format, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Instant[] range(String from, String to) {
        return new Instant[] {Instant.parse(from), Instant.parse(to)};
    }
}
