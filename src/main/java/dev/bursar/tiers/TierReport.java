package dev.bursar.tiers;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The eval's result per candidate, in the order the candidates were given, and the best of them: the highest
 * quality, a tie going to the lower cost per 1,000 calls, then to the one named first.
 *
 * @param golden    the golden file as named on the command line
 * @param judge     the judge model, or null
 * @param best      the best candidate's model; empty when none was scored
 */
public record TierReport(String golden, int prompts, String judge, int passGrade, List<CandidateReport> candidates,
                         Optional<String> best) {

    private static final int QUALITY_SCALE = 4;
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    public static TierReport of(String golden, TierEval.Plan plan, List<PromptResult> results) {
        List<CandidateReport> ungapped = new ArrayList<>();
        for (String model : plan.candidates()) {
            ungapped.add(candidate(model, plan.golden(), results.stream().filter(r -> r.model().equals(model)).toList()));
        }
        Optional<CandidateReport> best = ungapped.stream().filter(c -> c.quality().isPresent())
                .min(Comparator.comparing((CandidateReport c) -> c.quality().orElseThrow()).reversed()
                        .thenComparing(c -> c.costPer1kUsd().orElse(null), Comparator.nullsLast(Comparator.naturalOrder())));
        Optional<BigDecimal> bestQuality = best.flatMap(CandidateReport::quality);
        List<CandidateReport> candidates = ungapped.stream().map(c -> c.withGapTo(bestQuality)).toList();
        return new TierReport(golden, plan.golden().size(), plan.judge(), plan.passGrade(), candidates,
                best.map(CandidateReport::model));
    }

    private static CandidateReport candidate(String model, List<GoldenLine> golden, List<PromptResult> results) {
        int answered = 0;
        BigDecimal cost = BigDecimal.ZERO;
        BigDecimal judgeCost = BigDecimal.ZERO;
        BigDecimal scoreSum = BigDecimal.ZERO;
        List<PromptResult.Scored> scoredOnes = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<CandidateReport.ErrorItem> errors = new ArrayList<>();
        for (PromptResult r : results) {
            answered += r.answered() ? 1 : 0;
            cost = cost.add(r.costUsd());
            judgeCost = judgeCost.add(r.judgeCostUsd());
            switch (r.outcome()) {
                case PromptResult.Scored s -> {
                    scoredOnes.add(s);
                    scoreSum = scoreSum.add(s.score());
                    if (!s.passed()) {
                        failed.add(r.line().id());
                    }
                }
                case PromptResult.Error e -> errors.add(new CandidateReport.ErrorItem(r.line().id(), e.message()));
            }
        }
        Optional<BigDecimal> quality = scoredOnes.isEmpty() ? Optional.empty() : Optional.of(
                scoreSum.divide(BigDecimal.valueOf(scoredOnes.size()), QUALITY_SCALE, RoundingMode.HALF_EVEN));
        Optional<BigDecimal> per1k = answered == 0 ? Optional.empty() : Optional.of(
                cost.multiply(THOUSAND).divide(BigDecimal.valueOf(answered), 12, RoundingMode.HALF_EVEN));
        return new CandidateReport(model, results.size(), answered, errors.size(), quality, Optional.empty(), cost, per1k, judgeCost,
                failed.size(), groups(golden, results, l -> l.category() == null ? List.of(CandidateReport.NONE)
                        : List.of(l.category())), groups(golden, results, GoldenLine::tags), List.copyOf(failed),
                List.copyOf(errors));
    }

    /**
     * Failures per group over the scored prompts, every group of the golden set listed (a group with no failure shows
     * where the model holds up), most failures first, then by name.
     */
    private static Map<String, CandidateReport.Group> groups(List<GoldenLine> golden, List<PromptResult> results,
                                                             Function<GoldenLine, List<String>> groupsOf) {
        Map<String, int[]> counts = new TreeMap<>();
        golden.forEach(l -> groupsOf.apply(l).forEach(g -> counts.putIfAbsent(g, new int[2])));
        for (PromptResult r : results) {
            if (r.outcome() instanceof PromptResult.Scored s) {
                for (String g : groupsOf.apply(r.line())) {
                    int[] c = counts.get(g);
                    c[0] += s.passed() ? 0 : 1;
                    c[1]++;
                }
            }
        }
        Map<String, CandidateReport.Group> out = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, int[]> e) -> -e.getValue()[0]).thenComparing(Map.Entry::getKey))
                .forEach(e -> out.put(e.getKey(), new CandidateReport.Group(e.getValue()[0], e.getValue()[1])));
        return out;
    }
}
