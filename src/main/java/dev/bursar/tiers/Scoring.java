package dev.bursar.tiers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Scores one answer: by the golden line's {@link Expected} when it has one (1 or 0), else by the judge model's grade
 * ({@link JudgePrompt}) as grade / 10, a pass from {@code passGrade} up.
 *
 * @param judge     the judge model, or null when every line has an expected answer
 * @param passGrade the lowest judge grade that is not a failure
 */
record Scoring(EvalGateway gateway, String judge, int passGrade) {

    /** A score or an error, what the judge said (if it was asked and answered) and what it cost. */
    record Scored(PromptResult.Outcome outcome, Optional<String> judgeReply, BigDecimal judgeCostUsd) {
    }

    Scored score(GoldenLine line, String answer) {
        if (line.expected().isPresent()) {
            boolean right = line.expected().get().matches(answer);
            return new Scored(new PromptResult.Scored(right ? BigDecimal.ONE : BigDecimal.ZERO, right), Optional.empty(),
                    BigDecimal.ZERO);
        }
        ArrayNode messages = JudgePrompt.messages(line.messages(), answer);
        return switch (gateway.chat(judge, messages, null)) {
            case EvalGateway.Failed f ->
                    new Scored(new PromptResult.Error("judge " + judge + ": " + f.error()), Optional.empty(), f.costUsd());
            case EvalGateway.Answered a -> {
                OptionalInt grade = JudgePrompt.grade(a.text());
                PromptResult.Outcome outcome = grade.isPresent()
                        ? new PromptResult.Scored(BigDecimal.valueOf(grade.getAsInt(), 1), grade.getAsInt() >= passGrade)
                        : new PromptResult.Error("judge " + judge + " gave no grade from 1 to 10: " + shorten(a.text()));
                yield new Scored(outcome, Optional.of(a.text()), a.costUsd());
            }
        };
    }

    private static String shorten(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() > 80 ? line.substring(0, 80) + "…" : line;
    }
}
