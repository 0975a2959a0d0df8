package dev.bursar.planning;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Self-hosted GPUs against an API. A GPU costs the same each month whether busy or idle; it serves
 * {@code capacity × utilisation} tokens a day. The API costs its price per token. Self-hosting wins once the month's
 * tokens cost more at the API than the GPUs (plus the people who run them) cost.
 */
public final class SelfHosting {

    static final BigDecimal DAYS_PER_MONTH = BigDecimal.valueOf(30);
    /** 365 × 24 / 12: cloud providers bill a month of a GPU as 730 hours. */
    static final BigDecimal HOURS_PER_MONTH = BigDecimal.valueOf(730);

    /**
     * @param gpuMonthlyUsd        one GPU for a month (or its hourly price × 730)
     * @param gpuTokensPerDay      tokens one GPU serves in a day at full use
     * @param utilisation          the share of that capacity real traffic keeps busy (0-1]
     * @param apiUsdPerMillion     the API's price per million tokens (blended input/output if it differs)
     * @param tokensPerMonth       the month's volume; empty: what one GPU serves at this utilisation
     * @param opsMonthlyUsd        people and tooling to run the GPUs, per month
     */
    public record Inputs(BigDecimal gpuMonthlyUsd, BigDecimal gpuTokensPerDay, BigDecimal utilisation,
                         BigDecimal apiUsdPerMillion, Optional<BigDecimal> tokensPerMonth, BigDecimal opsMonthlyUsd) {
    }

    private SelfHosting() {
    }

    /** One GPU's monthly cost from its hourly price. */
    public static BigDecimal monthlyFromHourly(BigDecimal hourlyUsd) {
        return Decimals.strip(hourlyUsd.multiply(HOURS_PER_MONTH));
    }

    public static Calculation calculate(Inputs in) {
        Decimals.requirePositive(in.gpuMonthlyUsd(), "--gpu-monthly-usd (or --gpu-hourly-usd)");
        Decimals.requirePositive(in.gpuTokensPerDay(), "--gpu-tokens-per-day");
        Decimals.requireFraction(in.utilisation(), "--utilisation");
        Decimals.requirePositive(in.utilisation(), "--utilisation");
        Decimals.requirePositive(in.apiUsdPerMillion(), "the API price (--api-usd-per-million, --api-usd-per-1k or --model)");
        Decimals.requireNonNegative(in.opsMonthlyUsd(), "--ops-monthly-usd");
        BigDecimal perGpu = Decimals.strip(in.gpuTokensPerDay().multiply(in.utilisation()).multiply(DAYS_PER_MONTH));
        BigDecimal tokens = in.tokensPerMonth().orElse(perGpu);
        Decimals.requirePositive(tokens, "--tokens-per-month");
        BigDecimal gpus = Decimals.ceilDivide(tokens, perGpu);
        BigDecimal selfHost = Decimals.strip(gpus.multiply(in.gpuMonthlyUsd()).add(in.opsMonthlyUsd()));
        BigDecimal api = Decimals.usd(tokens, in.apiUsdPerMillion());
        BigDecimal breakEven = Decimals.ceilDivide(in.gpuMonthlyUsd().add(in.opsMonthlyUsd()).multiply(Decimals.MILLION),
                in.apiUsdPerMillion());
        List<Term> inputs = new ArrayList<>(List.of(
                new Term("gpu_monthly_usd", in.gpuMonthlyUsd(), "one GPU for a month"),
                new Term("gpu_tokens_per_day", in.gpuTokensPerDay(), "tokens one GPU serves a day at full use"),
                new Term("utilisation", in.utilisation(), "share of that capacity kept busy"),
                new Term("api_usd_per_million", in.apiUsdPerMillion(), "API price per million tokens"),
                new Term("ops_monthly_usd", in.opsMonthlyUsd(), "people and tooling to run the GPUs"),
                new Term("tokens_per_month", tokens, in.tokensPerMonth().isPresent() ? "the month's volume"
                        : "not given: what one GPU serves a month at this utilisation")));
        List<Term> results = List.of(
                new Term("gpu_tokens_per_month", perGpu, "gpu_tokens_per_day * utilisation * 30"),
                new Term("self_host_usd_per_million", Decimals.divide(in.gpuMonthlyUsd().multiply(Decimals.MILLION), perGpu),
                        "one GPU's month / the tokens it serves, in millions"),
                new Term("gpus_needed", gpus, "ceil(tokens_per_month / gpu_tokens_per_month)"),
                new Term("self_host_monthly_usd", selfHost, "gpus_needed * gpu_monthly_usd + ops_monthly_usd"),
                new Term("api_monthly_usd", api, "tokens_per_month * api_usd_per_million / 1e6"),
                new Term("self_host_saving_monthly_usd", Decimals.strip(api.subtract(selfHost)),
                        "api_monthly_usd - self_host_monthly_usd; negative: the API is cheaper"),
                new Term("break_even_tokens_per_month", breakEven,
                        "(gpu_monthly_usd + ops_monthly_usd) / api price per token: one GPU pays off past this"),
                new Term("break_even_utilisation", Decimals.divide(breakEven, in.gpuTokensPerDay().multiply(DAYS_PER_MONTH)),
                        "break_even_tokens_per_month / one GPU's full month; above 1: one GPU never breaks even"));
        List<String> formula = List.of(
                "gpu_tokens_per_month = gpu_tokens_per_day * utilisation * 30",
                "self_host_monthly_usd = ceil(tokens_per_month / gpu_tokens_per_month) * gpu_monthly_usd + ops_monthly_usd",
                "api_monthly_usd = tokens_per_month * api_usd_per_million / 1e6",
                "break_even_tokens_per_month = (gpu_monthly_usd + ops_monthly_usd) * 1e6 / api_usd_per_million");
        return new Calculation("break-even --self-host", formula, inputs, results,
                List.of("a month is 30 days (730 GPU hours when priced by the hour)"));
    }
}
