package dev.bursar.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bursar.Stores;
import dev.bursar.attribution.Attribution;
import dev.bursar.pricing.Usage;
import dev.bursar.storage.Dialect;
import dev.bursar.storage.TestStorage;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The prompt prefix columns on both databases: written, exported, and read back grouped for the cache advisor. */
class PromptPrefixLedgerTest {

    static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");
    static final TimeRange MAY = new TimeRange(Instant.parse("2026-05-01T00:00:00Z"), Instant.parse("2026-06-01T00:00:00Z"));

    @TempDir
    Path dir;

    static UsageEvent row(String id, Instant time, String feature, String model, PromptPrefix prefix, AttemptStatus status,
                          String cacheOutcome) {
        return new UsageEvent(id, "req-" + id, time, new Attribution("k", "acme", null, null, feature, null, "v1"),
                new UsageEvent.Models(model, model, model, "sim", "direct"),
                new UsageEvent.Call(Endpoint.MESSAGES, false, false, 1, cacheOutcome, null, prefix),
                new Usage(3000, 2048, 0, 0, 50, 0),
                new UsageEvent.Charge(new BigDecimal("0.001"), BigDecimal.ZERO, "p", false, null),
                new UsageEvent.Outcome(200, status, null, 10, -1));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void a_rows_prompt_prefix_is_stored_exported_and_absent_when_there_is_none(Dialect dialect) throws Exception {
        try (TestStorage storage = TestStorage.of(dialect, dir); Stores s = Stores.open(storage.config())) {
            s.ledger().append(row("a", T0, "chat", "claude-sonnet-4-5", new PromptPrefix("00aa11bb22cc33dd", 2048),
                    AttemptStatus.OK, "none"));
            s.ledger().append(row("b", T0.plusSeconds(1), "chat", "claude-sonnet-4-5", null, AttemptStatus.OK, "none"));
            s.ledger().append(row("c", T0.plusSeconds(2), "chat", "claude-sonnet-4-5", PromptPrefix.uncounted("44ee55ff66aa77bb"),
                    AttemptStatus.OK, "none"));

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            s.ledger().export(new ExportQuery(MAY.from(), MAY.to(), 0), ExportFormat.JSONL, out);
            List<JsonNode> rows = out.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank())
                    .map(PromptPrefixLedgerTest::json).toList();

            assertThat(rows.get(0).get("prefix_hash").asText()).isEqualTo("00aa11bb22cc33dd");
            assertThat(rows.get(0).get("prefix_tokens").asInt()).isEqualTo(2048);
            assertThat(rows.get(1).get("prefix_hash").isNull()).isTrue();
            assertThat(rows.get(1).get("prefix_tokens").isNull()).isTrue();
            assertThat(rows.get(2).get("prefix_hash").asText()).as("first sighting: hashed").isEqualTo("44ee55ff66aa77bb");
            assertThat(rows.get(2).get("prefix_tokens").isNull()).as("not counted").isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void the_reader_gives_answered_upstream_calls_with_a_prefix_by_group_then_time(Dialect dialect) {
        PromptPrefix p1 = new PromptPrefix("1111111111111111", 1500);
        PromptPrefix p2 = new PromptPrefix("2222222222222222", 4000);
        try (TestStorage storage = TestStorage.of(dialect, dir); Stores s = Stores.open(storage.config())) {
            s.ledger().append(row("late", T0.plusSeconds(60), "chat", "m", p1, AttemptStatus.OK, "none"));
            s.ledger().append(row("early", T0, "chat", "m", PromptPrefix.uncounted(p1.hash()), AttemptStatus.OK, "none"));
            s.ledger().append(row("other", T0.plusSeconds(30), "chat", "m", p2, AttemptStatus.OK, "none"));
            s.ledger().append(row("none-feature", T0.plusSeconds(5), null, "m", p1, AttemptStatus.OK, "none"));
            s.ledger().append(row("failed", T0.plusSeconds(10), "chat", "m", p1, AttemptStatus.ERROR, "none"));
            s.ledger().append(row("cache-hit", T0.plusSeconds(20), "chat", "m", p1, AttemptStatus.OK, "hit_exact"));
            s.ledger().append(row("no-prefix", T0.plusSeconds(40), "chat", "m", null, AttemptStatus.OK, "none"));
            s.ledger().append(row("april", Instant.parse("2026-04-30T23:59:59Z"), "chat", "m", p1, AttemptStatus.OK, "none"));

            List<PrefixCall> calls = new ArrayList<>();
            new PromptPrefixReader(s.database()).forEachCall(MAY, calls::add);

            assertThat(calls).extracting(c -> c.feature() + "/" + c.prefix().hash().charAt(0) + "@" + (c.time().getEpochSecond() - T0.getEpochSecond()))
                    .containsExactly("/1@5", "chat/1@0", "chat/1@60", "chat/2@30");
            assertThat(calls.get(1).prefix()).isEqualTo(PromptPrefix.uncounted(p1.hash()));
            assertThat(calls.get(2).prefix()).isEqualTo(p1);
            assertThat(calls.get(1).promptVersion()).isEqualTo("v1");
            assertThat(calls.get(1).usage().cachedInputTokens()).isEqualTo(2048);
        }
    }

    private static JsonNode json(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
