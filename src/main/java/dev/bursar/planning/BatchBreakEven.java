package dev.bursar.planning;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Moving work that need not answer at once to a provider's batch API (typically half price): the month's saving on
 * the share that can wait, and how many months it takes to pay back building the queue and worker.
 */
public final class BatchBreakEven {

    /**
     * @param realtimeMonthlyUsd the month's spend on the work, at real-time prices
     * @param batchMonthlyUsd    the same work at batch prices
     * @param batchableShare     the part of the work that can wait (0-1)
     * @param setupUsd           one-off cost of the async pipeline (queue, worker, notification)
     */
    public record Inputs(BigDecimal realtimeMonthlyUsd, BigDecimal batchMonthlyUsd, BigDecimal batchableShare,
                         BigDecimal setupUsd, String priceSource) {
    }

    private BatchBreakEven() {
    }

    public static Calculation calculate(Inputs in) {
        Decimals.requirePositive(in.realtimeMonthlyUsd(), "the real-time monthly spend");
        Decimals.requireNonNegative(in.batchMonthlyUsd(), "the batch monthly spend");
        Decimals.requireFraction(in.batchableShare(), "--batchable-share");
        Decimals.requireNonNegative(in.setupUsd(), "--setup-usd");
        BigDecimal discount = Decimals.divide(in.realtimeMonthlyUsd().subtract(in.batchMonthlyUsd()), in.realtimeMonthlyUsd());
        BigDecimal savings = Decimals.strip(in.realtimeMonthlyUsd().subtract(in.batchMonthlyUsd()).multiply(in.batchableShare()));
        BigDecimal after = Decimals.strip(in.realtimeMonthlyUsd().subtract(savings));
        List<Term> results = new ArrayList<>(List.of(
                new Term("batch_discount", discount, "1 - batch_monthly_usd / realtime_monthly_usd"),
                new Term("monthly_savings_usd", savings, "(realtime_monthly_usd - batch_monthly_usd) * batchable_share"),
                new Term("monthly_usd_after", after, "realtime_monthly_usd - monthly_savings_usd")));
        if (savings.signum() > 0) {
            results.add(new Term("payback_months", Decimals.divide(in.setupUsd(), savings), "setup_usd / monthly_savings_usd"));
        }
        List<Term> inputs = List.of(
                new Term("realtime_monthly_usd", in.realtimeMonthlyUsd(), "the work at real-time prices"),
                new Term("batch_monthly_usd", in.batchMonthlyUsd(), "the same work at batch prices"),
                new Term("batchable_share", in.batchableShare(), "the part that can wait"),
                new Term("setup_usd", in.setupUsd(), "one-off: queue, worker, notification"));
        List<String> formula = List.of(
                "monthly_savings_usd = (realtime_monthly_usd - batch_monthly_usd) * batchable_share",
                "payback_months = setup_usd / monthly_savings_usd");
        return new Calculation("break-even --batch", formula, inputs, results, List.of("prices: " + in.priceSource()));
    }
}
