package dev.bursar.tiers;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One candidate's figures.
 *
 * @param calls          golden prompts sent to it
 * @param answered       calls it answered (the rest failed at the gateway or the provider)
 * @param errors         calls without a score: not answered, or the judge failed
 * @param quality        the mean score of the scored calls (share correct; judge grades / 10), 4 decimals; empty
 *                       when nothing was scored
 * @param gap            the best candidate's quality minus this one's; empty without a quality
 * @param costUsd        what its calls cost, as the gateway priced them (failed ones included)
 * @param costPer1kUsd   {@code costUsd} x 1000 / answered, exact to 12 decimals (half-even beyond)
 * @param judgeCostUsd   what the judge's calls about its answers cost (not part of {@code costUsd})
 * @param failures       scored calls that were wrong (or graded below the pass mark)
 * @param byCategory     failures per category, every category of the golden set; no category is {@link #NONE}
 * @param byTag          failures per tag, every tag of the golden set
 * @param failed         ids of the failed prompts, in file order
 * @param errorList      the prompts without a score and why
 */
public record CandidateReport(String model, int calls, int answered, int errors, Optional<BigDecimal> quality,
                              Optional<BigDecimal> gap, BigDecimal costUsd, Optional<BigDecimal> costPer1kUsd,
                              BigDecimal judgeCostUsd, int failures, Map<String, Group> byCategory,
                              Map<String, Group> byTag, List<String> failed, List<ErrorItem> errorList) {

    public static final String NONE = "(none)";

    /** Failures of one category or tag, out of its scored prompts. */
    public record Group(int failures, int prompts) {

        /** failures / prompts, 4 decimals; 0 when none was scored. */
        public BigDecimal share() {
            return prompts == 0 ? BigDecimal.ZERO.setScale(4)
                    : BigDecimal.valueOf(failures).divide(BigDecimal.valueOf(prompts), 4, RoundingMode.HALF_EVEN);
        }
    }

    public record ErrorItem(String id, String error) {
    }

    /** This report with its gap to the best quality (none when either is missing). */
    CandidateReport withGapTo(Optional<BigDecimal> best) {
        Optional<BigDecimal> g = quality.flatMap(q -> best.map(b -> b.subtract(q)));
        return new CandidateReport(model, calls, answered, errors, quality, g, costUsd, costPer1kUsd, judgeCostUsd,
                failures, byCategory, byTag, failed, errorList);
    }

    public int scored() {
        return calls - errors;
    }
}
