package dev.bursar.routing;

/**
 * How likely a prompt needs the strong model of a learned route. The shipped one is the learned router; the what-if
 * replay uses the same one to predict what moving traffic to the weak model would cost in quality.
 */
public interface DifficultyScorer {

    /** The probability, in [0, 1], that the weak model's answer to this prompt is worse than the strong model's. */
    double score(String prompt);

    /**
     * The score at or above which a prompt goes to the strong model, so that the expected quality stays at
     * {@code qualityTarget} × the strong model's ({@code qualityTarget} in (0, 1]).
     */
    double threshold(double qualityTarget);
}
