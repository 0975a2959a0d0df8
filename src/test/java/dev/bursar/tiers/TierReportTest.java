package dev.bursar.tiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How results fold into a candidate's figures, worked by hand. */
class TierReportTest {

    static final List<GoldenLine> GOLDEN = GoldenFile.parse(List.of(
            "{\"id\": \"a\", \"prompt\": \"A\", \"expected\": \"x\", \"category\": \"c1\", \"tags\": [\"t\"]}",
            "{\"id\": \"b\", \"prompt\": \"B\", \"expected\": \"x\", \"category\": \"c1\"}",
            "{\"id\": \"c\", \"prompt\": \"C\", \"expected\": \"x\"}"), "g");

    static PromptResult right(String model, int line, String cost) {
        return new PromptResult(model, GOLDEN.get(line), new PromptResult.Scored(BigDecimal.ONE, true),
                Optional.of("x"), Optional.empty(), new BigDecimal(cost), BigDecimal.ZERO);
    }

    static PromptResult wrong(String model, int line, String cost) {
        return new PromptResult(model, GOLDEN.get(line), new PromptResult.Scored(BigDecimal.ZERO, false),
                Optional.of("y"), Optional.empty(), new BigDecimal(cost), BigDecimal.ZERO);
    }

    static PromptResult failed(String model, int line) {
        return new PromptResult(model, GOLDEN.get(line), new PromptResult.Error("429 slow down"), Optional.empty(),
                Optional.empty(), new BigDecimal("0.000001"), BigDecimal.ZERO);
    }

    static TierReport report(List<String> models, List<PromptResult> results) {
        return TierReport.of("g", new TierEval.Plan(GOLDEN, models, null, 7, 1), results);
    }

    @Test
    void equal_quality_goes_to_the_cheaper_candidate_whatever_the_order() {
        List<PromptResult> results = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            results.add(right("dear", i, "0.003"));
            results.add(right("cheap", i, "0.0001"));
        }

        assertThat(report(List.of("dear", "cheap"), results).best()).hasValue("cheap");
        assertThat(report(List.of("cheap", "dear"), results).best()).hasValue("cheap");
    }

    @Test
    void cost_per_1k_divides_by_answered_calls_at_12_decimals_and_errors_stay_out_of_quality() {
        // one right, one wrong, one 429 that still cost 0.000001: cost 0.000002 + 0.000001 + 0.000001 = 0.000004
        TierReport r = report(List.of("m"), List.of(right("m", 0, "0.000002"), wrong("m", 1, "0.000001"), failed("m", 2)));

        CandidateReport m = r.candidates().getFirst();
        assertThat(m.calls()).isEqualTo(3);
        assertThat(m.answered()).isEqualTo(2);
        assertThat(m.errors()).isEqualTo(1);
        assertThat(m.quality()).hasValue(new BigDecimal("0.5000"));
        assertThat(m.gap()).hasValue(new BigDecimal("0.0000"));
        assertThat(m.costUsd()).isEqualByComparingTo("0.000004");
        assertThat(m.costPer1kUsd()).hasValue(new BigDecimal("0.002000000000")); // 0.000004 x 1000 / 2
        assertThat(m.byCategory()).containsExactly(
                java.util.Map.entry("c1", new CandidateReport.Group(1, 2)),
                java.util.Map.entry(CandidateReport.NONE, new CandidateReport.Group(0, 0)));
        assertThat(m.byTag()).containsExactly(java.util.Map.entry("t", new CandidateReport.Group(0, 1)));
        assertThat(m.errorList()).containsExactly(new CandidateReport.ErrorItem("c", "429 slow down"));
    }

    @Test
    void a_cost_per_1k_that_does_not_divide_is_rounded_half_even_at_the_picodollar() {
        TierReport r = report(List.of("m"), List.of(right("m", 0, "0.0000001"), right("m", 1, "0"), right("m", 2, "0")));

        // 0.0000001 x 1000 / 3 = 0.0000333333333…
        assertThat(r.candidates().getFirst().costPer1kUsd()).hasValue(new BigDecimal("0.000033333333"));
    }

    @Test
    void a_candidate_with_nothing_scored_has_no_quality_gap_or_cost_per_1k_and_is_never_best() {
        TierReport r = report(List.of("down", "up"), List.of(failed("down", 0), failed("down", 1), failed("down", 2),
                wrong("up", 0, "0"), wrong("up", 1, "0"), wrong("up", 2, "0")));

        CandidateReport down = r.candidates().getFirst();
        assertThat(down.quality()).isEmpty();
        assertThat(down.gap()).isEmpty();
        assertThat(down.costPer1kUsd()).isEmpty();
        assertThat(r.best()).hasValue("up");
        assertThat(r.candidates().get(1).quality()).hasValue(new BigDecimal("0.0000"));
    }
}
