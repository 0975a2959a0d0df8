package dev.bursar.alerts;

import static dev.bursar.ledger.AttemptStatus.ERROR;
import static dev.bursar.ledger.AttemptStatus.OK;
import dev.bursar.attribution.Attribution;
import dev.bursar.ledger.AttemptStatus;
import dev.bursar.ledger.Endpoint;
import dev.bursar.ledger.UsageEvent;
import dev.bursar.pricing.Usage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Scripted ledger rows for alert scenarios: a steady baseline and the situations each rule is for. */
final class LedgerScript {

    static final Instant NOW = Instant.parse("2026-03-10T12:30:00Z");

    private LedgerScript() {
    }

    /** One attempt; {@code fingerprint} null means a unique one (no two baseline requests look alike). */
    static UsageEvent row(Instant time, String requestId, int attempt, AttemptStatus status, String key, String customer,
                          String promptVersion, long inputTokens, String cost, String fingerprint) {
        Attribution a = new Attribution(key, customer, null, null, "chat", "production", promptVersion);
        boolean failed = status == ERROR;
        return new UsageEvent(UUID.randomUUID().toString(), requestId, time, a,
                new UsageEvent.Models("gpt-4o", "gpt-4o", "gpt-4o-2024-08-06", "openai", "direct"),
                new UsageEvent.Call(Endpoint.CHAT, false, false, attempt, "none",
                        fingerprint == null ? "fp-" + requestId : fingerprint),
                Usage.of(inputTokens, failed ? 0 : 100),
                new UsageEvent.Charge(new BigDecimal(cost), BigDecimal.ZERO, "2026-01-01", false, null),
                new UsageEvent.Outcome(failed ? 502 : 200, status, failed ? "upstream_5xx" : null, 900_000, -1));
    }

    /**
     * Eight days up to {@link #NOW}, one $0.10 request every 5 minutes ($1.20 an hour), rotating over three customers
     * and keys; feature "chat" ran prompt v1 (1000 input tokens) until three days ago, then v2 (1050).
     */
    static List<UsageEvent> steadyBaseline() {
        String[] customers = {"acme", "globex", "initech"};
        List<UsageEvent> out = new ArrayList<>();
        Instant start = NOW.minus(Duration.ofDays(8));
        Instant v2 = NOW.minus(Duration.ofDays(3));
        int i = 0;
        for (Instant t = start; t.isBefore(NOW); t = t.plus(Duration.ofMinutes(5)), i++) {
            boolean newer = !t.isBefore(v2);
            out.add(row(t, "base-" + i, 1, OK, "key-" + (i % 3), customers[i % 3], newer ? "v2" : "v1",
                    newer ? 1050 : 1000, "0.10", null));
        }
        return out;
    }

    /** 12 requests in the last 9 minutes, each failing twice ($0.005 per failed attempt) before succeeding. */
    static List<UsageEvent> retryStorm() {
        List<UsageEvent> out = new ArrayList<>();
        for (int r = 0; r < 12; r++) {
            Instant t = NOW.minus(Duration.ofMinutes(9)).plusSeconds(r * 40L);
            String id = "storm-" + r;
            out.add(row(t, id, 1, ERROR, "key-0", "acme", "v2", 1050, "0.005", "fp-" + id));
            out.add(row(t.plusSeconds(5), id, 2, ERROR, "key-0", "acme", "v2", 1050, "0.005", "fp-" + id));
            out.add(row(t.plusSeconds(10), id, 3, OK, "key-0", "acme", "v2", 1050, "0.02", "fp-" + id));
        }
        return out;
    }

    /** Key "k-loop" sends the same prompt 25 times in the last ten minutes. */
    static List<UsageEvent> runawayLoop(Instant now) {
        List<UsageEvent> out = new ArrayList<>();
        for (int r = 0; r < 25; r++) {
            out.add(row(now.minus(Duration.ofMinutes(9)).plusSeconds(r * 20L), "loop-" + now + "-" + r, 1, OK, "k-loop",
                    "acme", "v2", 1050, "0.001", "fp-loop"));
        }
        return out;
    }

    /** $20 more in the last hour (ten $2 requests from globex) against the $1.20 an hour baseline. */
    static List<UsageEvent> spendSpike() {
        List<UsageEvent> out = new ArrayList<>();
        for (int r = 0; r < 10; r++) {
            out.add(row(NOW.minus(Duration.ofMinutes(50)).plusSeconds(r * 120L), "spike-" + r, 1, OK, "key-1",
                    "globex", "v2", 1050, "2.00", null));
        }
        return out;
    }

    /** Prompt v3 of "chat", first seen 20 hours ago: 30 requests of 2000 input tokens against v2's 1050. */
    static List<UsageEvent> bloatedPrompt() {
        List<UsageEvent> out = new ArrayList<>();
        for (int r = 0; r < 30; r++) {
            out.add(row(NOW.minus(Duration.ofHours(20)).plusSeconds(r * 60L), "bloat-" + r, 1, OK, "key-2",
                    "initech", "v3", 2000, "0.01", null));
        }
        return out;
    }

    /** Customer "bigco" spends $60 today, $10 an hour from 05:00 to 10:00. */
    static List<UsageEvent> customerOverAmount() {
        List<UsageEvent> out = new ArrayList<>();
        for (int r = 0; r < 6; r++) {
            out.add(row(Instant.parse("2026-03-10T05:00:00Z").plus(Duration.ofHours(r)), "big-" + r, 1, OK, "key-big",
                    "bigco", "v2", 1050, "10.00", null));
        }
        return out;
    }
}
