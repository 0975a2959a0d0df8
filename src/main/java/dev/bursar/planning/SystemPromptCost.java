package dev.bursar.planning;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a system prompt costs on its own: it is sent, and paid for, with every request. The article's arithmetic:
 * system prompt tokens × daily requests × days × price per token (a 2,000-token prompt at 50,000 daily queries).
 * With a trimmed length, what trimming saves.
 */
public final class SystemPromptCost {

    public record Inputs(BigDecimal systemTokens, BigDecimal dailyRequests, int days, Optional<BigDecimal> trimmedTokens,
                         TokenPrices prices) {
    }

    private SystemPromptCost() {
    }

    public static Calculation calculate(Inputs in) {
        Decimals.requirePositive(in.systemTokens(), "--system-tokens");
        Decimals.requirePositive(in.dailyRequests(), "--daily-requests");
        BigDecimal monthly = monthly(in.systemTokens(), in);
        List<Term> inputs = new ArrayList<>(List.of(
                new Term("system_tokens", in.systemTokens(), "tokens of the system prompt (and tools)"),
                new Term("daily_requests", in.dailyRequests(), "requests a day"),
                new Term("days", Decimals.of(in.days()), "days in the month"),
                new Term("input_usd_per_million", in.prices().input(), "input price")));
        List<Term> results = new ArrayList<>(List.of(
                new Term("monthly_tokens", Decimals.strip(in.systemTokens().multiply(in.dailyRequests()).multiply(Decimals.of(in.days()))),
                        "system_tokens * daily_requests * days"),
                new Term("monthly_usd", monthly, "monthly_tokens * input_usd_per_million / 1e6")));
        List<String> formula = new ArrayList<>(List.of(
                "monthly_usd = system_tokens * daily_requests * days * input_usd_per_million / 1e6"));
        in.trimmedTokens().ifPresent(trimmed -> {
            Decimals.requireNonNegative(trimmed, "--trimmed-tokens");
            BigDecimal after = monthly(trimmed, in);
            inputs.add(new Term("trimmed_tokens", trimmed, "the system prompt's length after trimming"));
            results.add(new Term("trimmed_monthly_usd", after, "the same at trimmed_tokens"));
            results.add(new Term("monthly_savings_usd", Decimals.strip(monthly.subtract(after)), "monthly_usd - trimmed_monthly_usd"));
            results.add(new Term("savings_pct", Decimals.percent(monthly.subtract(after), monthly), "of the system prompt's input cost"));
            formula.add("monthly_savings_usd = (system_tokens - trimmed_tokens) * daily_requests * days * input_usd_per_million / 1e6");
        });
        return new Calculation("prompt", formula, inputs, results, List.of("prices: " + in.prices().source()
                + "; uncached input price (a cached prefix costs less: see break-even --prompt-cache)"));
    }

    private static BigDecimal monthly(BigDecimal tokens, Inputs in) {
        return Decimals.usd(tokens.multiply(in.dailyRequests()).multiply(Decimals.of(in.days())), in.prices().input());
    }
}
