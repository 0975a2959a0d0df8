package dev.bursar.ui;

import dev.bursar.attribution.Attribution;
import dev.bursar.ledger.AttemptStatus;
import dev.bursar.ledger.Endpoint;
import dev.bursar.ledger.Ledger;
import dev.bursar.ledger.UsageEvent;
import dev.bursar.pricing.Usage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Random;

/**
 * A month and a half of plausible traffic for the dashboard's tests: several customers (one named like an XSS
 * payload), features, models, failed attempts and cache hits, some of it today and some last month.
 */
final class DemoLedger {

    static final String XSS_CUSTOMER = "<img src=x onerror=alert(1)>";
    static final String[] CUSTOMERS = {"acme", "globex", "initech", "umbrella", XSS_CUSTOMER};
    static final String[] FEATURES = {"search", "chat", "summarize", "extract"};
    static final String[][] MODELS = {{"gpt-4o", "openai", "2.5", "10"}, {"gpt-4o-mini", "openai", "0.15", "0.6"},
            {"claude-sonnet-4", "anthropic", "3", "15"}};

    private DemoLedger() {
    }

    /** Appends {@code n} rows ending at {@code now}; about one in twelve fails, one in eight is a cache hit. */
    static void fill(Ledger ledger, Instant now, int n, long seed) {
        Random r = new Random(seed);
        Instant midnight = LocalDate.ofInstant(now, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
        long sinceMidnight = Duration.between(midnight, now).toSeconds();
        for (int i = 0; i < n; i++) {
            // one row in 25 today (within the hours since midnight), the rest over the last 45 days
            long back = i % 25 == 0 ? (long) (r.nextDouble() * Math.max(1, Math.min(sinceMidnight - 1, 6 * 3600)))
                    : (long) (r.nextDouble() * 45 * 86400);
            ledger.append(event(i, now.minusSeconds(Math.max(1, back)), r));
        }
    }

    static UsageEvent event(int i, Instant time, Random r) {
        String customer = CUSTOMERS[Math.min(CUSTOMERS.length - 1, (int) Math.floor(Math.pow(r.nextDouble(), 1.6) * CUSTOMERS.length))];
        String feature = FEATURES[r.nextInt(FEATURES.length)];
        String[] model = MODELS[r.nextInt(MODELS.length)];
        long in = 200 + r.nextInt(6000);
        long cached = r.nextInt(4) == 0 ? in / 2 : 0;
        long out = 50 + r.nextInt(900);
        boolean failed = r.nextInt(12) == 0;
        boolean hit = !failed && r.nextInt(8) == 0;
        BigDecimal cost = new BigDecimal(model[2]).multiply(BigDecimal.valueOf(in - cached))
                .add(new BigDecimal(model[2]).multiply(BigDecimal.valueOf(cached)).divide(BigDecimal.TEN))
                .add(new BigDecimal(model[3]).multiply(BigDecimal.valueOf(out)))
                .divide(BigDecimal.valueOf(1_000_000), 12, RoundingMode.HALF_UP);
        BigDecimal charged = hit ? BigDecimal.ZERO : cost;
        return new UsageEvent("ev_" + i, "req_" + i, time,
                new Attribution("key_demo", customer, null, null, feature, "prod", null),
                new UsageEvent.Models(model[0], model[0], model[0], model[1], "direct"),
                new UsageEvent.Call(Endpoint.CHAT, r.nextBoolean(), false, 1, hit ? "hit_exact" : "miss", null),
                new Usage(in, cached, 0, 0, failed ? 0 : out, 0),
                new UsageEvent.Charge(charged, hit ? cost : BigDecimal.ZERO, model[0] + "@2025-01-01", false, null),
                new UsageEvent.Outcome(failed ? 500 : 200, failed ? AttemptStatus.ERROR : AttemptStatus.OK,
                        failed ? "upstream_5xx" : null, 300_000 + r.nextInt(2_000_000), -1));
    }
}
