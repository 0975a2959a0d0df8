package dev.bursar.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bursar.Stores;
import dev.bursar.attribution.Attribution;
import dev.bursar.pricing.Usage;
import dev.bursar.storage.Dialect;
import dev.bursar.storage.TestStorage;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The prompt parts columns (V25) on both databases: written, and read back for the prompt audit. */
class PromptPartsLedgerTest {

    static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");
    static final TimeRange MAY = new TimeRange(Instant.parse("2026-05-01T00:00:00Z"), Instant.parse("2026-06-01T00:00:00Z"));

    @TempDir
    Path dir;

    static UsageEvent row(String id, Instant time, String feature, PromptParts parts, long input) {
        return new UsageEvent(id, "req-" + id, time, new Attribution("k", "acme", null, null, feature, null, "v1"),
                new UsageEvent.Models("gpt-4o", "gpt-4o", "gpt-4o", "sim", "direct"),
                new UsageEvent.Call(Endpoint.CHAT, false, false, 1, "none", null, null, parts),
                new Usage(input, 0, 0, 0, 50, 0),
                new UsageEvent.Charge(new BigDecimal("0.001"), BigDecimal.ZERO, "p", false, null),
                new UsageEvent.Outcome(200, AttemptStatus.OK, null, 10, -1));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void billed_rows_with_parts_are_read_back_exactly_and_others_are_left_out(Dialect dialect) {
        PromptParts parts = new PromptParts("00aa11bb22cc33dd", 700, 250, 50);
        try (TestStorage storage = TestStorage.of(dialect, dir); Stores s = Stores.open(storage.config())) {
            s.ledger().append(row("a", T0, "chat", parts, 1000));
            s.ledger().append(row("no-system", T0.plusSeconds(1), "search", new PromptParts(null, 0, 10, 5), 15));
            s.ledger().append(row("no-parts", T0.plusSeconds(2), "chat", null, 1000));
            s.ledger().append(row("unbilled", T0.plusSeconds(3), "chat", parts, 0));
            s.ledger().append(row("april", Instant.parse("2026-04-30T23:59:59Z"), "chat", parts, 1000));

            List<PromptPartsCall> all = new ArrayList<>();
            new PromptPartsReader(s.database()).forEachCall(MAY, Optional.empty(), all::add);
            List<PromptPartsCall> chat = new ArrayList<>();
            new PromptPartsReader(s.database()).forEachCall(MAY, Optional.of("chat"), chat::add);

            assertThat(all).hasSize(2);
            assertThat(chat).hasSize(1);
            PromptPartsCall a = chat.getFirst();
            assertThat(a.parts()).isEqualTo(parts);
            assertThat(a.time()).isEqualTo(T0);
            assertThat(a.feature()).isEqualTo("chat");
            assertThat(a.promptVersion()).isEqualTo("v1");
            assertThat(a.model()).isEqualTo("gpt-4o");
            assertThat(a.usage().inputTokens()).isEqualTo(1000);
            assertThat(all).anySatisfy(c -> assertThat(c.parts()).isEqualTo(new PromptParts(null, 0, 10, 5)));
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void the_export_and_the_spend_report_are_unchanged_by_the_new_columns(Dialect dialect) throws Exception {
        try (TestStorage storage = TestStorage.of(dialect, dir); Stores s = Stores.open(storage.config())) {
            s.ledger().append(row("a", T0, "chat", new PromptParts("00aa11bb22cc33dd", 700, 250, 50), 1000));

            var out = new java.io.ByteArrayOutputStream();
            s.ledger().export(new ExportQuery(MAY.from(), MAY.to(), 0), ExportFormat.CSV, out);
            var spend = s.ledger().spend(new SpendQuery(List.of(Dimension.FEATURE), MAY.from(), MAY.to()));

            assertThat(out.toString().lines().findFirst().orElseThrow()).endsWith("prefix_hash,prefix_tokens");
            assertThat(spend).singleElement().satisfies(r -> assertThat(r.costUsd()).isEqualByComparingTo("0.001"));
        }
    }

    @org.junit.jupiter.api.Test
    void the_conversation_is_what_the_provider_billed_beyond_the_counted_parts_and_never_negative() {
        PromptParts.Counted counted = new PromptParts.Counted("h", 700, 50, 3);

        assertThat(counted.settle(1000)).isEqualTo(new PromptParts("h", 700, 250, 50));
        assertThat(counted.settle(600).conversationTokens()).as("an estimate above the provider's count").isZero();
        assertThat(counted.settle(0)).as("no usage: a failure before any token").isEqualTo(new PromptParts("h", 700, 0, 50));
    }

    @org.junit.jupiter.api.Test
    void an_uncounted_system_prompt_of_a_single_turn_request_is_the_providers_count_minus_the_user_message_and_priming() {
        PromptParts.Counted fromProvider = new PromptParts.Counted("h", PromptParts.Counted.FROM_PROVIDER, 50, 3);

        assertThat(fromProvider.settle(1000)).isEqualTo(new PromptParts("h", 947, 3, 50));
        assertThat(fromProvider.settle(0)).isEqualTo(new PromptParts("h", 0, 0, 50));
    }
}
