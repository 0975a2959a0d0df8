package dev.bursar.planning;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code bursar plan budget --from-ledger --days N}: the month ahead from the last N days the ledger booked. The
 * expected month is the observed daily mean × the month's days, exact; the p50 and p95 resample the observed days
 * (a seeded bootstrap: each simulated month is {@code monthDays} days drawn with replacement), so a spiky history
 * gives a wide tail and nothing is assumed about its shape. A day without a ledger row is a day that cost nothing.
 */
public final class LedgerForecast {

    /** One observed UTC day: what it cost, failed attempts and all, and the requests answered. */
    public record Day(LocalDate date, BigDecimal costUsd, long requests) {
    }

    public record Inputs(List<Day> days, int monthDays, BigDecimal headroom, long seed, int trials) {
        public Inputs {
            days = List.copyOf(days);
        }
    }

    private LedgerForecast() {
    }

    public static Calculation calculate(Inputs in) {
        if (in.days().isEmpty()) {
            throw new IllegalArgumentException("--days must be 1 or more");
        }
        Decimals.requireNonNegative(in.headroom(), "--headroom");
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal max = BigDecimal.ZERO;
        long requests = 0;
        double[] daily = new double[in.days().size()];
        for (int i = 0; i < daily.length; i++) {
            Day d = in.days().get(i);
            total = total.add(d.costUsd());
            max = max.max(d.costUsd());
            requests += d.requests();
            daily[i] = d.costUsd().doubleValue();
        }
        BigDecimal observed = Decimals.of(in.days().size());
        BigDecimal mean = Decimals.divide(total, observed);
        BigDecimal expected = Decimals.divide(total.multiply(Decimals.of(in.monthDays())), observed);
        List<Term> results = new ArrayList<>(List.of(
                new Term("observed_usd", Decimals.strip(total), "what the observed days cost"),
                new Term("observed_requests", Decimals.of(requests), "requests answered in them"),
                new Term("mean_daily_usd", mean, "observed_usd / observed_days"),
                new Term("max_daily_usd", Decimals.strip(max), "the dearest observed day"),
                new Term("expected_monthly_usd", expected, "observed_usd / observed_days * days_per_month")));
        results.addAll(SpendLimit.terms(expected, bootstrap(daily, in), in.headroom()));
        List<Term> inputs = List.of(
                new Term("observed_days", observed, "UTC days read from the ledger, from "
                        + in.days().getFirst().date() + " to " + in.days().getLast().date()),
                new Term("days_per_month", Decimals.of(in.monthDays()), "days in the month planned"),
                new Term("headroom", in.headroom(), "added to the p95 for the suggested limit"),
                new Term("seed", Decimals.of(in.seed()), "bootstrap seed"),
                new Term("trials", Decimals.of(in.trials()), "simulated months"));
        List<String> formula = List.of(
                "expected_monthly_usd = observed_usd / observed_days * days_per_month",
                "p50/p95: `trials` months, each the sum of days_per_month observed days drawn with replacement",
                "suggested_limit_usd = ceil(p95_monthly_usd * (1 + headroom))");
        return new Calculation("budget --from-ledger", formula, inputs, results,
                List.of("daily spend from the ledger's roll-ups, failed attempts included; days without calls count as 0"));
    }

    private static double[] bootstrap(double[] daily, Inputs in) {
        SplittableRandom random = new SplittableRandom(in.seed());
        double[] months = new double[in.trials()];
        for (int t = 0; t < months.length; t++) {
            double sum = 0;
            for (int d = 0; d < in.monthDays(); d++) {
                sum += daily[random.nextInt(daily.length)];
            }
            months[t] = sum;
        }
        return months;
    }
}
