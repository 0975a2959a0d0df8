package dev.bursar.tiers;

import dev.bursar.csv.CsvWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code bursar tiers eval --format csv}: one table a spreadsheet can pivot. Per candidate a {@code summary} row,
 * then one row per category and per tag ({@code kind} says which) with its failures, prompts and share; the summary
 * columns are empty on those rows. Category and tag names come from the golden file, so they go through the
 * formula-safe {@link CsvWriter}.
 */
public final class TierReportCsv {

    public static final List<String> COLUMNS = List.of("model", "kind", "name", "calls", "answered", "errors", "quality",
            "gap", "cost_usd", "cost_per_1k_usd", "judge_cost_usd", "failures", "prompts", "share");

    private TierReportCsv() {
    }

    public static String render(TierReport report) {
        StringBuilder sb = new StringBuilder();
        CsvWriter csv = new CsvWriter(sb);
        csv.row(COLUMNS);
        for (CandidateReport c : report.candidates()) {
            csv.row(Arrays.asList(c.model(), "summary", null, c.calls(), c.answered(), c.errors(),
                    c.quality().orElse(null), c.gap().orElse(null), c.costUsd(), c.costPer1kUsd().orElse(null),
                    c.judgeCostUsd(), c.failures(), c.scored(),
                    c.scored() == 0 ? null : new CandidateReport.Group(c.failures(), c.scored()).share()));
            groups(csv, c.model(), "category", c.byCategory());
            groups(csv, c.model(), "tag", c.byTag());
        }
        return sb.toString();
    }

    private static void groups(CsvWriter csv, String model, String kind, Map<String, CandidateReport.Group> groups) {
        groups.forEach((name, g) -> {
            List<Object> row = new ArrayList<>(Arrays.asList(model, kind, name));
            row.addAll(java.util.Collections.nCopies(8, null));
            row.addAll(List.of(g.failures(), g.prompts(), g.share()));
            csv.row(row);
        });
    }

    /** Everything the eval spent: the candidates' calls and the judge's. */
    static BigDecimal evalCost(TierReport report) {
        return report.candidates().stream().map(c -> c.costUsd().add(c.judgeCostUsd()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
