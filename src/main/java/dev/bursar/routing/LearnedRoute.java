package dev.bursar.routing;

import java.util.concurrent.atomic.LongAdder;

/**
 * A virtual model routed by difficulty: the scorer gives the probability that the weak model falls short on the
 * prompt; at or above the threshold the request goes to the strong model ({@code learned:strong}), below it to the
 * weak one ({@code learned:weak}). A prompt that cannot be scored (no user text, the model failed) goes to the strong
 * model: a routing error must cost money, never quality.
 */
public final class LearnedRoute implements VirtualRoute {

    private final DifficultyScorer scorer;
    private final double threshold;
    private final Route strong;
    private final Route weak;
    private final LongAdder unscored = new LongAdder();

    LearnedRoute(DifficultyScorer scorer, double threshold, Route strong, Route weak) {
        this.scorer = scorer;
        this.threshold = threshold;
        this.strong = strong;
        this.weak = weak;
    }

    @Override
    public Route choose(RequestFacts facts) {
        String prompt = facts.prompt().get();
        if (prompt.isBlank()) {
            return strong;
        }
        double score;
        try {
            score = scorer.score(prompt);
        } catch (RuntimeException e) {
            unscored.increment();
            return strong;
        }
        return score >= threshold ? strong : weak;
    }

    @Override
    public Route fallback() {
        return strong;
    }

    public double threshold() {
        return threshold;
    }

    /** Prompts sent to the strong model because scoring failed. */
    public long unscored() {
        return unscored.sum();
    }
}
