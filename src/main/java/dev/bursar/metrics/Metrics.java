package dev.bursar.metrics;

import dev.bursar.ledger.Endpoint;
import dev.bursar.pricing.Usage;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The gateway's Prometheus metrics: requests and errors by model and status, a latency histogram, tokens by class
 * and exact cost by model. Counters are lock-free; the cost sum takes a short lock per model because it is exact.
 */
public final class Metrics {

    /** The model label of requests refused before the gateway knew the caller and a served model. */
    public static final String UNKNOWN_MODEL = "unknown";

    private static final double[] BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    private record RequestKey(Endpoint endpoint, String model, String provider, int status) { }

    private record ErrorKey(String provider, String kind) { }

    private record TokenKey(String model, String tokenClass) { }

    private final Map<RequestKey, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<ErrorKey, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<TokenKey, LongAdder> tokens = new ConcurrentHashMap<>();
    private final Map<String, BigDecimal[]> costByModel = new ConcurrentHashMap<>();
    private final LongAdder[] latencyBuckets = new LongAdder[BUCKETS.length + 1];
    private final LongAdder latencyCount = new LongAdder();
    private final LongAdder latencyMicrosSum = new LongAdder();
    private final LongAdder ledgerRows = new LongAdder();
    private final Map<String, LongAdder> circuitRefused = new ConcurrentHashMap<>();
    private record CacheKey(String model, String outcome) { }

    private final Map<CacheKey, LongAdder> cacheOutcomes = new ConcurrentHashMap<>();
    private final Map<String, BigDecimal[]> savedByModel = new ConcurrentHashMap<>();
    /** Each provider's circuit state code, read when metrics are rendered (states change with time alone). */
    private volatile Supplier<Map<String, Integer>> circuitStates = Map::of;
    /** Request capture's counts by outcome (stored, dropped, failed), when capture is on. */
    private volatile Supplier<Map<String, Long>> captureCounts = Map::of;

    public Metrics() {
        for (int i = 0; i < latencyBuckets.length; i++) {
            latencyBuckets[i] = new LongAdder();
        }
    }

    /** One client request, answered with {@code status} after {@code micros}. */
    public void request(Endpoint endpoint, String model, String provider, int status, long micros) {
        requests.computeIfAbsent(new RequestKey(endpoint, model, provider, status), k -> new LongAdder()).increment();
        double seconds = micros / 1_000_000.0;
        int i = 0;
        while (i < BUCKETS.length && seconds > BUCKETS[i]) {
            i++;
        }
        latencyBuckets[i].increment();
        latencyCount.increment();
        latencyMicrosSum.add(micros);
    }

    /** Where the circuit states come from; set once by the composition root when circuit breakers are on. */
    public void circuitStates(Supplier<Map<String, Integer>> states) {
        this.circuitStates = states;
    }

    /** Where request capture's counts come from; set once by the composition root when capture is on. */
    public void captures(Supplier<Map<String, Long>> counts) {
        this.captureCounts = counts;
    }

    /** An attempt not made because {@code provider}'s circuit was open. */
    public void circuitRefused(String provider) {
        circuitRefused.computeIfAbsent(provider, k -> new LongAdder()).increment();
    }

    /** What the cache did for one request of {@code model} ("miss", "hit-exact", ...) and what a hit saved. */
    public void cache(String model, String outcome, BigDecimal savedUsd) {
        cacheOutcomes.computeIfAbsent(new CacheKey(model, outcome), k -> new LongAdder()).increment();
        if (savedUsd.signum() > 0) {
            BigDecimal[] sum = savedByModel.computeIfAbsent(model, k -> new BigDecimal[] {BigDecimal.ZERO});
            synchronized (sum) {
                sum[0] = sum[0].add(savedUsd);
            }
        }
    }

    public void error(String provider, String kind) {
        errors.computeIfAbsent(new ErrorKey(provider, kind), k -> new LongAdder()).increment();
    }

    /** One settled ledger row's tokens and cost. */
    public void settled(String model, Usage usage, BigDecimal cost) {
        ledgerRows.increment();
        add(model, "input", usage.uncachedInputTokens());
        add(model, "cached_input", usage.cachedInputTokens());
        add(model, "cache_write", usage.cacheWriteTokens());
        add(model, "output", usage.outputTokens());
        BigDecimal[] sum = costByModel.computeIfAbsent(model, k -> new BigDecimal[] {BigDecimal.ZERO});
        synchronized (sum) {
            sum[0] = sum[0].add(cost);
        }
    }

    private void add(String model, String tokenClass, long n) {
        if (n > 0) {
            tokens.computeIfAbsent(new TokenKey(model, tokenClass), k -> new LongAdder()).add(n);
        }
    }

    /** The Prometheus text exposition format, version 0.0.4. */
    public String render() {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("# HELP bursar_requests_total Client requests by endpoint, model, provider and HTTP status.\n");
        sb.append("# TYPE bursar_requests_total counter\n");
        new TreeMap<String, Long>(mapOf(requests, k -> labels("endpoint", k.endpoint().label(), "model", k.model(),
                "provider", k.provider(), "status", String.valueOf(k.status()))))
                .forEach((l, v) -> sb.append("bursar_requests_total").append(l).append(' ').append(v).append('\n'));
        sb.append("# HELP bursar_upstream_errors_total Failed upstream attempts by provider and error kind.\n");
        sb.append("# TYPE bursar_upstream_errors_total counter\n");
        new TreeMap<String, Long>(mapOf(errors, k -> labels("provider", k.provider(), "kind", k.kind())))
                .forEach((l, v) -> sb.append("bursar_upstream_errors_total").append(l).append(' ').append(v).append('\n'));
        if (!cacheOutcomes.isEmpty()) {
            sb.append("# HELP bursar_cache_requests_total Requests by model and what the cache did (miss, hit-exact, hit-semantic, off).\n");
            sb.append("# TYPE bursar_cache_requests_total counter\n");
            new TreeMap<String, Long>(mapOf(cacheOutcomes, k -> labels("model", k.model(), "outcome", k.outcome())))
                    .forEach((l, v) -> sb.append("bursar_cache_requests_total").append(l).append(' ').append(v).append('\n'));
            sb.append("# HELP bursar_cache_saved_usd_total What cache hits would have cost, by model.\n");
            sb.append("# TYPE bursar_cache_saved_usd_total counter\n");
            new TreeMap<>(savedByModel).forEach((m, v) -> sb.append("bursar_cache_saved_usd_total")
                    .append(labels("model", m)).append(' ').append(v[0].toPlainString()).append('\n'));
        }
        sb.append("# HELP bursar_request_duration_seconds Time from request to last byte, as seen by the gateway.\n");
        sb.append("# TYPE bursar_request_duration_seconds histogram\n");
        long cumulative = 0;
        for (int i = 0; i < BUCKETS.length; i++) {
            cumulative += latencyBuckets[i].sum();
            sb.append("bursar_request_duration_seconds_bucket{le=\"").append(BigDecimal.valueOf(BUCKETS[i]).toPlainString()).append("\"} ").append(cumulative).append('\n');
        }
        cumulative += latencyBuckets[BUCKETS.length].sum();
        sb.append("bursar_request_duration_seconds_bucket{le=\"+Inf\"} ").append(cumulative).append('\n');
        sb.append("bursar_request_duration_seconds_sum ").append(BigDecimal.valueOf(latencyMicrosSum.sum(), 6).toPlainString()).append('\n');
        sb.append("bursar_request_duration_seconds_count ").append(latencyCount.sum()).append('\n');
        sb.append("# HELP bursar_tokens_total Tokens by model and price class.\n");
        sb.append("# TYPE bursar_tokens_total counter\n");
        new TreeMap<String, Long>(mapOf(tokens, k -> labels("model", k.model(), "class", k.tokenClass())))
                .forEach((l, v) -> sb.append("bursar_tokens_total").append(l).append(' ').append(v).append('\n'));
        sb.append("# HELP bursar_cost_usd_total Exact spend in USD by model (failed attempts included).\n");
        sb.append("# TYPE bursar_cost_usd_total counter\n");
        new TreeMap<>(costByModel).forEach((model, sum) -> {
            BigDecimal v;
            synchronized (sum) {
                v = sum[0];
            }
            sb.append("bursar_cost_usd_total").append(labels("model", model)).append(' ').append(v.stripTrailingZeros().toPlainString()).append('\n');
        });
        sb.append("# HELP bursar_ledger_rows_total Ledger rows written by this process.\n");
        sb.append("# TYPE bursar_ledger_rows_total counter\n");
        sb.append("bursar_ledger_rows_total ").append(ledgerRows.sum()).append('\n');
        Map<String, Integer> states = new TreeMap<>(circuitStates.get());
        if (!states.isEmpty()) {
            sb.append("# HELP bursar_circuit_state Each provider's circuit breaker: 0 closed, 1 half-open, 2 open.\n");
            sb.append("# TYPE bursar_circuit_state gauge\n");
            states.forEach((p, v) -> sb.append("bursar_circuit_state").append(labels("provider", p)).append(' ').append(v).append('\n'));
            sb.append("# HELP bursar_circuit_refused_total Attempts not made because the provider's circuit was open.\n");
            sb.append("# TYPE bursar_circuit_refused_total counter\n");
            states.keySet().forEach(p -> sb.append("bursar_circuit_refused_total").append(labels("provider", p)).append(' ')
                    .append(circuitRefused.containsKey(p) ? circuitRefused.get(p).sum() : 0).append('\n'));
        }
        Map<String, Long> captured = new TreeMap<>(captureCounts.get());
        if (!captured.isEmpty()) {
            sb.append("# HELP bursar_captures_total Request bodies captured for bursar replay: stored, dropped (queue full),"
                    + " failed (the database refused them).\n");
            sb.append("# TYPE bursar_captures_total counter\n");
            captured.forEach((o, v) -> sb.append("bursar_captures_total").append(labels("outcome", o)).append(' ').append(v).append('\n'));
        }
        return sb.toString();
    }

    private static <K> Map<String, Long> mapOf(Map<K, LongAdder> m, java.util.function.Function<K, String> labeller) {
        Map<String, Long> out = new TreeMap<>();
        m.forEach((k, v) -> out.merge(labeller.apply(k), v.sum(), Long::sum));
        return out;
    }

    private static String labels(String... kv) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < kv.length; i += 2) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(kv[i]).append("=\"").append(escape(kv[i + 1])).append('"');
        }
        return sb.append('}').toString();
    }

    private static String escape(String v) {
        if (v == null) {
            return "";
        }
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
