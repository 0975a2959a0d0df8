package dev.bursar.ledger;

import static dev.bursar.ledger.AttemptStatus.CLIENT_CANCELLED;
import static dev.bursar.ledger.AttemptStatus.ERROR;
import static dev.bursar.ledger.AttemptStatus.OK;
import dev.bursar.attribution.Attribution;
import dev.bursar.pricing.Usage;
import dev.bursar.pricing.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

/** Event fixtures and a brute-force spend computation to check the ledger against. */
final class TestEvents {

    private TestEvents() {
    }

    static UsageEvent event(String id, Instant time, Attribution a, String model, AttemptStatus status,
                            String cacheOutcome, Usage usage, String cost, String saved) {
        boolean failed = status == ERROR;
        return new UsageEvent(id, "req-" + id, time, a,
                new UsageEvent.Models(model, model, model + "-2025", "openai", "direct"),
                new UsageEvent.Call(Endpoint.CHAT, true, false, 1, cacheOutcome, null),
                usage,
                new UsageEvent.Charge(new BigDecimal(cost), new BigDecimal(saved), "2026-01-01", false,
                        "{\"prompt_tokens\":" + usage.inputTokens() + "}"),
                new UsageEvent.Outcome(failed ? 502 : 200, status, failed ? "upstream_5xx" : null, 1_234, -1));
    }

    static UsageEvent simple(String id, Instant time, String customer, String cost) {
        return event(id, time, new Attribution("key_1", customer, null, null, null, null, null), "gpt-4o", OK, "none",
                Usage.of(10, 5), cost, "0");
    }

    /** A deterministic mix of tags (some missing), models, statuses and cache outcomes over [start, start+days). */
    static List<UsageEvent> fixture(Instant start, int days, int n, long seed) {
        Random r = new Random(seed);
        String[] customers = {"acme", "globex", "initech", null};
        String[] features = {"chat", "search", "summarize", null};
        String[] users = {"u1", "u2", null};
        String[] teams = {"core", "growth", null};
        String[] envs = {"production", "staging", null};
        String[] versions = {"v1", "v2", null};
        String[] keys = {"key_a", "key_b", null};
        String[] models = {"gpt-4o", "gpt-4o-mini", "claude-sonnet-4"};
        AttemptStatus[] statuses = {OK, OK, OK, OK, ERROR, CLIENT_CANCELLED};
        String[] caches = {"none", "none", "miss", "hit_exact", "hit_semantic"};
        List<UsageEvent> out = new ArrayList<>();
        long span = days * 86_400L;
        for (int i = 0; i < n; i++) {
            Instant t = start.plusSeconds(r.nextLong(span)).plusNanos(r.nextInt(1_000_000) * 1_000L);
            Attribution a = new Attribution(pick(r, keys), pick(r, customers), pick(r, users), pick(r, teams),
                    pick(r, features), pick(r, envs), pick(r, versions));
            AttemptStatus status = pick(r, statuses);
            String cache = status == OK ? pick(r, caches) : "none";
            boolean hit = cache.startsWith("hit");
            long in = r.nextInt(5000);
            long cached = in == 0 ? 0 : r.nextLong(in + 1) / 2;
            long out1 = r.nextInt(2000);
            Usage usage = new Usage(in, cached, in - cached > 10 ? 5 : 0, in - cached > 20 ? 3 : 0, out1, out1 / 3);
            String cost = hit ? "0" : BigDecimal.valueOf(r.nextLong(50_000_000_000L), Money.SCALE).toPlainString();
            String saved = hit ? BigDecimal.valueOf(r.nextLong(9_000_000_000L), Money.SCALE).toPlainString() : "0";
            out.add(event("e" + i + "-" + UUID.randomUUID(), t, a, pick(r, models), status, cache, usage, cost, saved));
        }
        return out;
    }

    private static <T> T pick(Random r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    static String value(UsageEvent e, Dimension d) {
        Attribution a = e.attribution();
        String v = switch (d) {
            case CUSTOMER -> a.customer();
            case USER -> a.user();
            case TEAM -> a.team();
            case FEATURE -> a.feature();
            case ENVIRONMENT -> a.environment();
            case PROMPT_VERSION -> a.promptVersion();
            case KEY -> a.keyId();
            case MODEL -> e.models().served();
            case PROVIDER -> e.models().provider();
            case STATUS -> e.outcome().status().label();
            case CACHE -> CacheLabel.of(e.call().cacheOutcome());
            case DAY -> e.time().toString().substring(0, 10);
            case HOUR -> e.time().truncatedTo(java.time.temporal.ChronoUnit.HOURS).toString();
        };
        return v == null ? SpendRow.UNATTRIBUTED : v;
    }

    /** The spend report computed the slow, obvious way: one pass over every event in range. */
    static List<SpendRow> bruteForce(List<UsageEvent> events, SpendQuery q) {
        Map<List<String>, SpendRow> groups = new HashMap<>();
        for (UsageEvent e : events) {
            Instant t = e.time().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
            if (t.isBefore(q.from()) || !t.isBefore(q.to())) {
                continue;
            }
            List<String> g = q.groupBy().stream().map(d -> value(e, d)).toList();
            boolean failed = e.outcome().status() == ERROR;
            boolean hit = e.call().cacheOutcome().startsWith("hit");
            BigDecimal cost = e.charge().costUsd();
            SpendRow one = new SpendRow(g, failed ? 0 : 1, hit ? 0 : 1, failed ? 1 : 0, e.usage(),
                    cost, failed ? cost : BigDecimal.ZERO, e.charge().savedUsd());
            groups.merge(g, one, TestEvents::plus);
        }
        if (q.groupBy().isEmpty() && groups.isEmpty()) {
            groups.put(List.of(), new SpendRow(List.of(), 0, 0, 0, Usage.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO));
        }
        return groups.values().stream().map(TestEvents::scaled).toList();
    }

    private static SpendRow plus(SpendRow a, SpendRow b) {
        return new SpendRow(a.group(), a.requests() + b.requests(), a.attempts() + b.attempts(),
                a.failedAttempts() + b.failedAttempts(), a.tokens().plus(b.tokens()), a.costUsd().add(b.costUsd()),
                a.failedCostUsd().add(b.failedCostUsd()), a.savedUsd().add(b.savedUsd()));
    }

    private static SpendRow scaled(SpendRow r) {
        Function<BigDecimal, BigDecimal> s = v -> v.setScale(Money.SCALE);
        return new SpendRow(r.group(), r.requests(), r.attempts(), r.failedAttempts(), r.tokens(),
                s.apply(r.costUsd()), s.apply(r.failedCostUsd()), s.apply(r.savedUsd()));
    }

    static List<Dimension> dims(Dimension... d) {
        return Arrays.asList(d);
    }
}
