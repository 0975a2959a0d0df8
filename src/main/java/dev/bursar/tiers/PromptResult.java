package dev.bursar.tiers;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * One golden prompt answered (or not) by one candidate.
 *
 * @param answer       the candidate's answer text; empty when it gave none
 * @param judgeReply   what the judge said about it; empty without a judge call
 * @param answered     whether the candidate gave an answer (a judge failure still leaves it answered)
 * @param costUsd      the candidate's call, as the gateway priced it
 * @param judgeCostUsd the judge's call about this answer, zero without one
 */
public record PromptResult(String model, GoldenLine line, Outcome outcome, Optional<String> answer,
                           Optional<String> judgeReply, BigDecimal costUsd, BigDecimal judgeCostUsd) {

    public boolean answered() {
        return answer.isPresent();
    }

    /** Scored (right or wrong), or no score because a call failed. */
    public sealed interface Outcome {
    }

    /** {@code score} in 0..1: 1 or 0 for an expected answer, the judge's grade / 10 otherwise. */
    public record Scored(BigDecimal score, boolean passed) implements Outcome {
    }

    public record Error(String message) implements Outcome {
    }
}
