package dev.bursar.bench;

import static dev.bursar.ledger.AttemptStatus.CLIENT_CANCELLED;
import static dev.bursar.ledger.AttemptStatus.ERROR;
import static dev.bursar.ledger.AttemptStatus.OK;
import dev.bursar.Stores;
import dev.bursar.attribution.Attribution;
import dev.bursar.config.StorageConfig;
import dev.bursar.ledger.AttemptStatus;
import dev.bursar.ledger.Dimension;
import dev.bursar.ledger.Endpoint;
import dev.bursar.ledger.EventIds;
import dev.bursar.ledger.Ledger;
import dev.bursar.ledger.SpendQuery;
import dev.bursar.ledger.SqlLedger;
import dev.bursar.ledger.UsageEvent;
import dev.bursar.pricing.Usage;
import dev.bursar.storage.Database;
import dev.bursar.storage.Migrator;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Ledger benchmarks (run by bench/ledger.sh).
 * <ul>
 * <li>{@code ingest DIR}: append() throughput on SQLite from 1 and from 64 concurrent callers.</li>
 * <li>{@code generate DB ROWS YYYY-MM}: a month of rows (100 customers x 10 features x 8 models, Zipf skew),
 *     written in large batches through {@link SqlLedger#appendAll}, which produces the same rows and roll-ups as
 *     append().</li>
 * <li>{@code query DB YYYY-MM}: the report query timed in a warm JVM.</li>
 * </ul>
 */
public final class LedgerBench {

    private static final String[] MODELS = {"gpt-4o", "gpt-4o-mini", "gpt-4.1", "o3-mini", "claude-sonnet-4",
            "claude-haiku-3.5", "gemini-2.0-flash", "gemini-2.5-pro"};
    private static final String[] PROVIDERS = {"openai", "openai", "openai", "openai", "anthropic", "anthropic",
            "gemini", "gemini"};
    /** Picodollars per input and output token: $0.10 .. $15 per million. */
    private static final long[][] PRICES = {{2_500_000, 10_000_000}, {150_000, 600_000}, {2_000_000, 8_000_000},
            {1_100_000, 4_400_000}, {3_000_000, 15_000_000}, {800_000, 4_000_000}, {100_000, 400_000},
            {1_250_000, 10_000_000}};
    private static final String[] FEATURES = {"chat", "search", "summarize", "classify", "extract", "translate",
            "autocomplete", "agent", "email-draft", "support-bot"};

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "ingest" -> ingest(Path.of(args[1]));
            case "generate" -> generate(Path.of(args[1]), Long.parseLong(args[2]), YearMonth.parse(args[3]));
            case "query" -> query(Path.of(args[1]), YearMonth.parse(args[2]));
            default -> throw new IllegalArgumentException("mode: ingest | generate | query");
        }
    }

    private static void ingest(Path dir) throws Exception {
        record Case(int callers, int perCaller, boolean orderedIds) {
        }
        for (Case c : List.of(new Case(1, 20_000, true), new Case(64, 2_000, true), new Case(64, 2_000, false))) {
            Path file = dir.resolve("ingest.db");
            deleteDb(file);
            try (Stores s = Stores.open(new StorageConfig(file.toString(), null, null))) {
                Ledger ledger = s.ledger();
                run(ledger, c.callers(), 200, c.orderedIds()); // JIT warm-up, not measured
                long t0 = System.nanoTime();
                run(ledger, c.callers(), c.perCaller(), c.orderedIds());
                double secs = (System.nanoTime() - t0) / 1e9;
                long n = (long) c.callers() * c.perCaller();
                System.out.printf("ingest  callers=%-3d ids=%-13s events=%-7d %8.0f events/s  (%.2f s)%n", c.callers(),
                        c.orderedIds() ? "time-ordered" : "random-uuid", n, n / secs, secs);
            }
            deleteDb(file);
        }
    }

    private static void deleteDb(Path file) throws java.io.IOException {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(Path.of(file + suffix));
        }
    }

    private static void run(Ledger ledger, int callers, int perCaller, boolean orderedIds) throws Exception {
        Instant now = Instant.parse("2026-10-15T12:00:00Z");
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> fs = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                int caller = c;
                fs.add(pool.submit(() -> {
                    SplittableRandom r = new SplittableRandom(caller);
                    for (int i = 0; i < perCaller; i++) {
                        String id = orderedIds ? EventIds.next() : UUID.randomUUID().toString();
                        ledger.append(event(id, now.plusMillis(i), r));
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        }
    }

    private static void generate(Path db, long rows, YearMonth month) {
        long start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
        long span = month.lengthOfMonth() * 86_400_000_000L;
        try (Database database = Database.sqlite(db, "NORMAL")) {
            Migrator.migrate(database);
            SqlLedger ledger = new SqlLedger(database);
            long existing = ledger.count();
            if (existing == rows) {
                System.out.printf("generate: %s already holds %d rows, reusing it%n", db, rows);
                ledger.close();
                return;
            }
            if (existing != 0) {
                throw new IllegalStateException(db + " holds " + existing + " rows, not " + rows + "; delete it first");
            }
            SplittableRandom r = new SplittableRandom(2026);
            long t0 = System.nanoTime();
            int batch = 50_000;
            List<UsageEvent> events = new ArrayList<>(batch);
            for (long i = 0; i < rows; i++) {
                long micros = start + span / rows * i + r.nextLong(span / rows);
                events.add(event(String.format("g%010d", i), Instant.ofEpochSecond(micros / 1_000_000, micros % 1_000_000 * 1_000), r));
                if (events.size() == batch || i == rows - 1) {
                    ledger.appendAll(events);
                    events.clear();
                    if ((i + 1) % 1_000_000 == 0) {
                        System.out.printf("generate: %,d rows (%.0f rows/s)%n", i + 1, (i + 1) / ((System.nanoTime() - t0) / 1e9));
                    }
                }
            }
            System.out.printf("generate: %,d rows in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);
            ledger.close();
        }
    }

    private static void query(Path db, YearMonth month) {
        Instant from = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        try (Stores s = Stores.open(new StorageConfig(db.toString(), null, null))) {
            long[] ms = new long[5];
            int groups = 0;
            for (int i = 0; i < ms.length; i++) {
                long t0 = System.nanoTime();
                groups = s.ledger().spend(new SpendQuery(List.of(Dimension.CUSTOMER, Dimension.FEATURE), from, to)).size();
                ms[i] = (System.nanoTime() - t0) / 1_000_000;
            }
            Arrays.sort(ms);
            System.out.printf("query (warm JVM, spend() only): %d groups, min %d ms, median %d ms%n", groups, ms[0], ms[2]);
            Instant mid = from.plusSeconds(86_400L * 10 + 3_600 * 5 + 1_234);
            long t0 = System.nanoTime();
            s.ledger().spend(new SpendQuery(List.of(Dimension.CUSTOMER, Dimension.FEATURE), mid, to.minusSeconds(4_321)));
            System.out.printf("query with ragged edges (raw + hourly + daily): %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        }
    }

    /** Zipf-like pick: index i has weight 1 / (i + 1)^s. */
    private static int zipf(SplittableRandom r, double[] cdf) {
        double u = r.nextDouble();
        int i = Arrays.binarySearch(cdf, u);
        return Math.min(i < 0 ? -i - 1 : i, cdf.length - 1);
    }

    private static double[] cdf(int n, double s) {
        double[] w = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += w[i] = 1 / Math.pow(i + 1, s);
        }
        double acc = 0;
        for (int i = 0; i < n; i++) {
            w[i] = (acc += w[i]) / sum;
        }
        return w;
    }

    private static final double[] CUSTOMER_CDF = cdf(100, 1.1);
    private static final double[] FEATURE_CDF = cdf(10, 0.8);
    private static final double[] MODEL_CDF = cdf(8, 0.7);

    static UsageEvent event(String id, Instant time, SplittableRandom r) {
        int c = zipf(r, CUSTOMER_CDF);
        int f = zipf(r, FEATURE_CDF);
        int m = zipf(r, MODEL_CDF);
        String customer = String.format("cust-%03d", c);
        Attribution a = new Attribution("key_" + customer, customer, "user-" + r.nextInt(20), "team-" + c % 7,
                FEATURES[f], r.nextInt(100) < 95 || c > 20 ? "production" : "staging", "v" + (f % 3 + 1));
        int roll = r.nextInt(1000);
        AttemptStatus status = roll < 20 ? ERROR : roll < 30 ? CLIENT_CANCELLED : OK;
        boolean hit = status == OK && roll >= 920;
        long in = 50 + r.nextLong(4_000);
        long cached = r.nextInt(4) == 0 ? in / 2 : 0;
        long out = status == ERROR ? 0 : 10 + r.nextLong(1_200);
        Usage usage = new Usage(in, cached, 0, 0, out, m == 3 ? out / 2 : 0);
        BigDecimal price = BigDecimal.valueOf(in * PRICES[m][0] + out * PRICES[m][1], 12);
        boolean failed = status == ERROR;
        return new UsageEvent(id, "req-" + id, time, a,
                new UsageEvent.Models(MODELS[m], MODELS[m], MODELS[m], PROVIDERS[m], "direct"),
                new UsageEvent.Call(Endpoint.CHAT, false, false, 1, hit ? "hit_exact" : "miss", null),
                hit ? Usage.ZERO : usage,
                new UsageEvent.Charge(hit ? BigDecimal.ZERO : price, hit ? price : BigDecimal.ZERO, "2026-10-01", false,
                        "{\"prompt_tokens\":" + in + ",\"completion_tokens\":" + out + "}"),
                new UsageEvent.Outcome(failed ? 429 : 200, status, failed ? "rate_limited" : null,
                        200_000 + r.nextLong(2_000_000), -1));
    }
}
