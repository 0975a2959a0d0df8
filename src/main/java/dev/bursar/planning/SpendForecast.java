package dev.bursar.planning;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * {@code bursar plan budget} from flags: the expected month is exact (a call's cost is linear in its tokens, so the
 * mean cost is the cost of the mean tokens); the p50 and p95 come from a seeded simulation of months.
 *
 * <p>The model: input and output tokens per request are lognormal, each fitted to its mean and p95 (a constant when
 * no p95 is given); the month's daily volume is lognormal from its mean and p95 (constant when none is given), drawn
 * once per month, since a busy month is busy every day. A month's cost is the sum of its requests' costs: drawn one
 * by one up to {@value #EXACT_REQUESTS} requests, above that from the normal distribution the central limit theorem
 * gives that sum (mean n·E[c], variance n·Var[c]). The same seed gives the same numbers.
 */
public final class SpendForecast {

    static final int EXACT_REQUESTS = 1_000;

    /**
     * @param requestsPerDay     mean requests a day
     * @param requestsPerDayP95  the 95th percentile of a month's daily volume, if the volume is uncertain
     * @param inputTokens        mean input tokens per request
     * @param inputTokensP95     95th percentile, if known
     * @param outputTokens       mean output tokens per request
     * @param outputTokensP95    95th percentile, if known
     * @param days               days in the month planned
     * @param headroom           fraction added to the p95 for the suggested limit
     */
    public record Inputs(BigDecimal requestsPerDay, Optional<BigDecimal> requestsPerDayP95, BigDecimal inputTokens,
                         Optional<BigDecimal> inputTokensP95, BigDecimal outputTokens,
                         Optional<BigDecimal> outputTokensP95, TokenPrices prices, int days, BigDecimal headroom,
                         long seed, int trials) {
    }

    private SpendForecast() {
    }

    public static Calculation calculate(Inputs in) {
        Decimals.requirePositive(in.requestsPerDay(), "--requests-per-day");
        Decimals.requireNonNegative(in.inputTokens(), "--input-tokens");
        Decimals.requireNonNegative(in.outputTokens(), "--output-tokens");
        Decimals.requireNonNegative(in.headroom(), "--headroom");
        if (in.days() < 1 || in.trials() < 100) {
            throw new IllegalArgumentException("--days must be 1 or more and --trials 100 or more");
        }
        BigDecimal perRequest = in.prices().callUsd(in.inputTokens(), in.outputTokens());
        BigDecimal daily = Decimals.strip(in.requestsPerDay().multiply(perRequest));
        BigDecimal expected = Decimals.strip(daily.multiply(Decimals.of(in.days())));
        List<Term> results = new ArrayList<>(List.of(
                new Term("cost_per_request_usd", perRequest,
                        "input_tokens * input_usd_per_million / 1e6 + output_tokens * output_usd_per_million / 1e6"),
                new Term("daily_usd", daily, "requests_per_day * cost_per_request_usd"),
                new Term("expected_monthly_usd", expected, "daily_usd * days")));
        results.addAll(SpendLimit.terms(expected, simulate(in), in.headroom()));
        return new Calculation("budget", formula(), inputs(in), results, notes(in));
    }

    private static double[] simulate(Inputs in) {
        Lognormal volume = fit(in.requestsPerDay(), in.requestsPerDayP95(), "--requests-per-day-p95");
        Lognormal input = fit(in.inputTokens(), in.inputTokensP95(), "--input-tokens-p95");
        Lognormal output = fit(in.outputTokens(), in.outputTokensP95(), "--output-tokens-p95");
        double a = in.prices().input().doubleValue() / 1e6;
        double b = in.prices().output().doubleValue() / 1e6;
        double meanCost = a * input.mean() + b * output.mean();
        double varCost = a * a * input.variance() + b * b * output.variance();
        SplittableRandom random = new SplittableRandom(in.seed());
        double[] months = new double[in.trials()];
        for (int t = 0; t < months.length; t++) {
            long n = Math.round(volume.sample(random) * in.days());
            months[t] = n <= EXACT_REQUESTS ? drawn(n, input, output, a, b, random)
                    : Math.max(0, n * meanCost + Math.sqrt(n * varCost) * Lognormal.Normal.sample(random));
        }
        return months;
    }

    private static double drawn(long n, Lognormal input, Lognormal output, double a, double b, SplittableRandom random) {
        double sum = 0;
        for (long i = 0; i < n; i++) {
            sum += a * input.sample(random) + b * output.sample(random);
        }
        return sum;
    }

    private static Lognormal fit(BigDecimal mean, Optional<BigDecimal> p95, String flag) {
        return p95.map(p -> Lognormal.fit(mean.doubleValue(), p.doubleValue(), flag))
                .orElseGet(() -> Lognormal.constant(mean.doubleValue()));
    }

    private static List<String> formula() {
        return List.of(
                "cost_per_request_usd = input_tokens * input_usd_per_million / 1e6 + output_tokens * output_usd_per_million / 1e6",
                "expected_monthly_usd = requests_per_day * days * cost_per_request_usd",
                "p50/p95: seeded simulation of `trials` months (lognormal tokens and daily volume, see notes)",
                "suggested_limit_usd = ceil(p95_monthly_usd * (1 + headroom))");
    }

    private static List<Term> inputs(Inputs in) {
        List<Term> terms = new ArrayList<>();
        terms.add(new Term("requests_per_day", in.requestsPerDay(), "mean requests a day"));
        in.requestsPerDayP95().ifPresent(v -> terms.add(new Term("requests_per_day_p95", v, "95th percentile of a month's daily volume")));
        terms.add(new Term("input_tokens", in.inputTokens(), "mean input tokens per request"));
        in.inputTokensP95().ifPresent(v -> terms.add(new Term("input_tokens_p95", v, "95th percentile")));
        terms.add(new Term("output_tokens", in.outputTokens(), "mean output tokens per request"));
        in.outputTokensP95().ifPresent(v -> terms.add(new Term("output_tokens_p95", v, "95th percentile")));
        terms.add(new Term("input_usd_per_million", in.prices().input(), "input price"));
        terms.add(new Term("output_usd_per_million", in.prices().output(), "output price"));
        terms.add(new Term("days", Decimals.of(in.days()), "days in the month planned"));
        terms.add(new Term("headroom", in.headroom(), "added to the p95 for the suggested limit"));
        terms.add(new Term("seed", Decimals.of(in.seed()), "simulation seed"));
        terms.add(new Term("trials", Decimals.of(in.trials()), "simulated months"));
        return terms;
    }

    private static List<String> notes(Inputs in) {
        List<String> notes = new ArrayList<>();
        notes.add("prices: " + in.prices().source());
        notes.add("tokens per request and daily volume are lognormal, fitted to mean and p95; without a p95 they are"
                + " constant; a month past " + EXACT_REQUESTS + " requests is summed by the normal approximation");
        notes.add("rule of thumb (alert 3x, hard limit 5x the expected month) is for teams without usage data yet");
        return notes;
    }
}
