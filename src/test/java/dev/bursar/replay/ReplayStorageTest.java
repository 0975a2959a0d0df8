package dev.bursar.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bursar.Stores;
import dev.bursar.attribution.Attribution;
import dev.bursar.capture.CaptureStore;
import dev.bursar.capture.CapturedRequest;
import dev.bursar.ledger.AnsweredCallReader;
import dev.bursar.ledger.AttemptStatus;
import dev.bursar.ledger.Endpoint;
import dev.bursar.ledger.UsageEvent;
import dev.bursar.pricing.PriceCatalog;
import dev.bursar.pricing.Usage;
import dev.bursar.storage.Dialect;
import dev.bursar.storage.TestStorage;
import dev.bursar.wire.ClientWire;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The captures and the ledger rows they are joined with, on both databases: only the attempt that answered is
 * repriced (a failed attempt before it, a cache hit and an embedding are not), captures outside the range are not
 * read, and a capture without an answered row is counted and left out.
 */
class ReplayStorageTest {

    static final Instant T0 = Instant.parse("2026-11-10T10:00:00Z");

    @TempDir
    Path dir;

    static UsageEvent row(String event, String request, Instant at, String provider, Endpoint endpoint, AttemptStatus status,
                          int http, Usage usage, String cost) {
        return new UsageEvent(event, request, at, new Attribution("k1", "acme", null, null, "faq", null, null),
                new UsageEvent.Models("gpt-4o", "gpt-4o", "gpt-4o", provider, "direct"),
                new UsageEvent.Call(endpoint, false, false, 1, "none", null),
                usage, new UsageEvent.Charge(new BigDecimal(cost), BigDecimal.ZERO, "p", false, null),
                new UsageEvent.Outcome(http, status, null, 10, -1));
    }

    static CapturedRequest capture(String request, Instant at, String prompt) {
        return new CapturedRequest(request, at, ClientWire.OPENAI, Endpoint.CHAT,
                "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void only_the_answering_attempt_of_a_captured_request_in_range_is_repriced(Dialect dialect) {
        try (TestStorage storage = TestStorage.of(dialect, dir); Stores s = Stores.open(storage.config())) {
            // r1: a failed attempt, then the answer (1,000,000 in, 100,000 out at gpt-4o: $2.50 + $1.00 = $3.50).
            s.ledger().append(row("e1", "r1", T0, "sim", Endpoint.CHAT, AttemptStatus.ERROR, 503, Usage.ZERO, "0"));
            s.ledger().append(row("e2", "r1", T0.plusMillis(5), "sim", Endpoint.CHAT, AttemptStatus.OK, 200,
                    Usage.of(1_000_000, 100_000), "3.5"));
            // r2: answered by the live cache (no tokens, no provider): nothing to reprice.
            s.ledger().append(row("e3", "r2", T0.plusSeconds(1), "cache", Endpoint.CHAT, AttemptStatus.OK, 200, Usage.ZERO, "0"));
            // r3: answered, but its capture is from the next day, outside the range.
            s.ledger().append(row("e4", "r3", T0.plusSeconds(2), "sim", Endpoint.CHAT, AttemptStatus.OK, 200,
                    Usage.of(10, 10), "0.000125"));
            CaptureStore captures = new CaptureStore(s.database());
            captures.insert(List.of(capture("r1", T0.plusSeconds(1), "hello"), capture("r2", T0.plusSeconds(2), "hello"),
                    capture("r3", T0.plusSeconds(86_400), "later")));

            ReplayReport report = new Replay(captures, new AnsweredCallReader(s.database()), PriceCatalog.bundled())
                    .run(T0.minusSeconds(60), T0.plusSeconds(3_600),
                            ReplayPolicy.parse("routes: [ { model: gpt-4o, to: gpt-4o-mini } ]", "p"), ReplayScorer.none());

            assertThat(report.captured()).isEqualTo(2);
            assertThat(report.unmatched()).isEqualTo(1);
            ReplayLine faq = report.features().getFirst();
            assertThat(faq.feature()).isEqualTo("faq");
            assertThat(faq.requests()).isEqualTo(1);
            assertThat(faq.actualUsd()).isEqualByComparingTo("3.5");
            // gpt-4o-mini: 1,000,000 × $0.15/M + 100,000 × $0.60/M = 0.15 + 0.06
            assertThat(faq.policyUsd()).isEqualByComparingTo("0.21");
            assertThat(faq.savedUsd()).isEqualByComparingTo("3.29");
            assertThat(faq.savedPercent()).isEqualByComparingTo("94.00");
            assertThat(faq.qualityUnknown()).isEqualTo(1);
        }
    }
}
