package dev.bursar.planning;

import java.math.BigDecimal;
import java.util.List;

/**
 * A response cache (exact or semantic): each hit saves a whole call, the cache costs its infrastructure each month
 * and, when it matches by meaning, an embedding lookup on every request. It pays once
 * {@code hit rate × cost per request} covers the lookups and the infrastructure.
 */
public final class ResponseCacheBreakEven {

    /**
     * @param requestsPerMonth    requests that go through the cache
     * @param costPerRequestUsd   what one request costs at the provider
     * @param hitRate             share of requests answered from the cache (0-1)
     * @param cacheMonthlyUsd     the cache's own infrastructure (Redis, vector store) per month
     * @param lookupUsd           per request: the embedding a semantic lookup needs (0 for an exact cache)
     */
    public record Inputs(BigDecimal requestsPerMonth, BigDecimal costPerRequestUsd, BigDecimal hitRate,
                         BigDecimal cacheMonthlyUsd, BigDecimal lookupUsd, String costSource) {
    }

    private ResponseCacheBreakEven() {
    }

    public static Calculation calculate(Inputs in) {
        Decimals.requirePositive(in.requestsPerMonth(), "--requests-per-month");
        Decimals.requirePositive(in.costPerRequestUsd(), "--cost-per-request-usd");
        Decimals.requireFraction(in.hitRate(), "--hit-rate");
        Decimals.requireNonNegative(in.cacheMonthlyUsd(), "--cache-monthly-usd");
        Decimals.requireNonNegative(in.lookupUsd(), "--lookup-usd");
        BigDecimal without = Decimals.strip(in.requestsPerMonth().multiply(in.costPerRequestUsd()));
        BigDecimal saved = Decimals.strip(without.multiply(in.hitRate()));
        BigDecimal lookups = Decimals.strip(in.requestsPerMonth().multiply(in.lookupUsd()));
        BigDecimal net = Decimals.strip(saved.subtract(lookups).subtract(in.cacheMonthlyUsd()));
        BigDecimal breakEven = Decimals.divide(in.cacheMonthlyUsd().add(lookups), without);
        List<Term> inputs = List.of(
                new Term("requests_per_month", in.requestsPerMonth(), "requests that go through the cache"),
                new Term("cost_per_request_usd", in.costPerRequestUsd(), "one request at the provider (" + in.costSource() + ")"),
                new Term("hit_rate", in.hitRate(), "share of requests answered from the cache"),
                new Term("cache_monthly_usd", in.cacheMonthlyUsd(), "the cache's infrastructure per month"),
                new Term("lookup_usd", in.lookupUsd(), "per request: the embedding of a semantic lookup"));
        List<Term> results = List.of(
                new Term("without_cache_usd", without, "requests_per_month * cost_per_request_usd"),
                new Term("saved_usd", saved, "without_cache_usd * hit_rate"),
                new Term("lookup_cost_usd", lookups, "requests_per_month * lookup_usd"),
                new Term("with_cache_usd", Decimals.strip(without.subtract(saved).add(lookups).add(in.cacheMonthlyUsd())),
                        "without_cache_usd - saved_usd + lookup_cost_usd + cache_monthly_usd"),
                new Term("net_savings_usd", net, "saved_usd - lookup_cost_usd - cache_monthly_usd"),
                new Term("break_even_hit_rate", breakEven,
                        "(cache_monthly_usd + lookup_cost_usd) / without_cache_usd; above 1: never pays"));
        List<String> formula = List.of(
                "saved_usd = requests_per_month * cost_per_request_usd * hit_rate",
                "net_savings_usd = saved_usd - requests_per_month * lookup_usd - cache_monthly_usd",
                "break_even_hit_rate = (cache_monthly_usd + requests_per_month * lookup_usd) / (requests_per_month * cost_per_request_usd)");
        return new Calculation("break-even --cache", formula, inputs, results,
                List.of("a hit is taken to save the whole call; a stale or wrong answer's cost is not modelled"));
    }
}
