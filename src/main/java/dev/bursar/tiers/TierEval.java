package dev.bursar.tiers;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Sends every golden prompt to every candidate through the gateway, {@code concurrency} calls at a time, and scores
 * each answer ({@link Scoring}). The results come back in a fixed order (candidate, then golden line) whatever order
 * the calls finished in. A gateway that is gone or refuses the key stops the run ({@link EvalGateway.Unusable}).
 */
public final class TierEval {

    /** What to run: the candidates in the order given, the judge model or null, and its pass mark. */
    public record Plan(List<GoldenLine> golden, List<String> candidates, String judge, int passGrade, int concurrency) {

        public Plan {
            golden = List.copyOf(golden);
            candidates = List.copyOf(candidates);
        }

        public int calls() {
            return golden.size() * candidates.size();
        }
    }

    private final EvalGateway gateway;

    public TierEval(EvalGateway gateway) {
        this.gateway = gateway;
    }

    /** {@code progress} hears the number of prompts done so far, after each one. */
    public List<PromptResult> run(Plan plan, IntConsumer progress) {
        Scoring scoring = new Scoring(gateway, plan.judge(), plan.passGrade());
        AtomicInteger done = new AtomicInteger();
        List<Future<PromptResult>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(plan.concurrency(), Thread.ofVirtual().factory())) {
            for (String model : plan.candidates()) {
                for (GoldenLine line : plan.golden()) {
                    futures.add(pool.submit(() -> {
                        PromptResult r = one(scoring, model, line);
                        progress.accept(done.incrementAndGet());
                        return r;
                    }));
                }
            }
            List<PromptResult> results = new ArrayList<>();
            for (Future<PromptResult> f : futures) {
                results.add(await(f, futures));
            }
            return List.copyOf(results);
        }
    }

    private PromptResult one(Scoring scoring, String model, GoldenLine line) {
        return switch (gateway.chat(model, line.messages(), line.maxTokens())) {
            case EvalGateway.Failed f ->
                    new PromptResult(model, line, new PromptResult.Error(f.error()), Optional.empty(), Optional.empty(),
                            f.costUsd(), BigDecimal.ZERO);
            case EvalGateway.Answered a -> {
                Scoring.Scored s = scoring.score(line, a.text());
                yield new PromptResult(model, line, s.outcome(), Optional.of(a.text()), s.judgeReply(), a.costUsd(),
                        s.judgeCostUsd());
            }
        };
    }

    private static PromptResult await(Future<PromptResult> f, List<Future<PromptResult>> all) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            all.forEach(other -> other.cancel(true));
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            all.forEach(other -> other.cancel(true));
            throw new EvalGateway.Unusable("interrupted", e);
        }
    }
}
