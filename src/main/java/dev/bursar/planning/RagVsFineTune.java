package dev.bursar.planning;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * RAG against a fine-tuned model: the training run is paid once per retraining, the fine-tuned model saves a fixed
 * amount on every query (no injected context, a smaller model). Break-even volume = training cost ÷ per-query
 * savings; with retraining every {@code n} months, the monthly volume that pays for it is (training cost ÷ n) ÷
 * per-query savings.
 */
public final class RagVsFineTune {

    /**
     * @param trainingCostUsd     one training run
     * @param savingsPerQueryUsd  RAG query cost minus fine-tuned query cost
     * @param retrainEveryMonths  how often the model is retrained (the knowledge base changes), if it is
     * @param monthlyQueries      the expected volume, for a verdict, if known
     */
    public record Inputs(BigDecimal trainingCostUsd, BigDecimal savingsPerQueryUsd, Optional<Integer> retrainEveryMonths,
                         Optional<Long> monthlyQueries) {
    }

    private RagVsFineTune() {
    }

    public static Calculation calculate(Inputs in) {
        Decimals.requireNonNegative(in.trainingCostUsd(), "--training-cost-usd");
        Decimals.requirePositive(in.savingsPerQueryUsd(), "--savings-per-query-usd");
        List<String> formula = new ArrayList<>(List.of(
                "break_even_queries = training_cost_usd / savings_per_query_usd"));
        List<Term> inputs = new ArrayList<>(List.of(
                new Term("training_cost_usd", in.trainingCostUsd(), "one fine-tuning run"),
                new Term("savings_per_query_usd", in.savingsPerQueryUsd(), "RAG query cost - fine-tuned query cost")));
        List<Term> results = new ArrayList<>(List.of(new Term("break_even_queries",
                Decimals.ceilDivide(in.trainingCostUsd(), in.savingsPerQueryUsd()),
                "queries after which one training run has paid for itself (rounded up)")));
        List<String> notes = new ArrayList<>();
        BigDecimal monthlyTraining = in.trainingCostUsd();
        if (in.retrainEveryMonths().isPresent()) {
            int months = in.retrainEveryMonths().get();
            if (months < 1) {
                throw new IllegalArgumentException("--retrain-every-months must be 1 or more, got " + months);
            }
            monthlyTraining = Decimals.divide(in.trainingCostUsd(), Decimals.of(months));
            formula.add("retraining_usd_per_year = training_cost_usd * 12 / retrain_every_months");
            formula.add("break_even_queries_per_month = training_cost_usd / retrain_every_months / savings_per_query_usd");
            inputs.add(new Term("retrain_every_months", Decimals.of(months), "a retraining run every this many months"));
            results.add(new Term("retraining_usd_per_year",
                    Decimals.divide(in.trainingCostUsd().multiply(Decimals.of(12)), Decimals.of(months)),
                    "what retraining adds to the fine-tuning cost each year"));
            results.add(new Term("break_even_queries_per_month",
                    Decimals.ceilDivide(monthlyTraining, in.savingsPerQueryUsd()),
                    "monthly volume at which fine-tuning pays for its retraining (rounded up)"));
        } else {
            notes.add("no --retrain-every-months: the knowledge base is taken as stable (one training run)");
        }
        in.monthlyQueries().ifPresent(q -> {
            inputs.add(new Term("monthly_queries", Decimals.of(q), "expected queries a month"));
            BigDecimal savings = Decimals.strip(in.savingsPerQueryUsd().multiply(Decimals.of(q)));
            results.add(new Term("monthly_savings_usd", savings, "monthly_queries * savings_per_query_usd"));
            formula.add("monthly_savings_usd = monthly_queries * savings_per_query_usd");
        });
        if (in.monthlyQueries().isPresent() && in.retrainEveryMonths().isPresent()) {
            BigDecimal net = Decimals.strip(in.savingsPerQueryUsd().multiply(Decimals.of(in.monthlyQueries().get()))
                    .subtract(monthlyTraining));
            formula.add("net_monthly_usd = monthly_savings_usd - training_cost_usd / retrain_every_months");
            results.add(new Term("net_monthly_usd", net, "positive: fine-tuning is cheaper than RAG at this volume"));
        }
        return new Calculation("break-even --rag-vs-finetune", formula, inputs, results, notes);
    }
}
