package dev.bursar.cli;

import dev.bursar.replay.ReplayLine;
import dev.bursar.replay.ReplayReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** {@code bursar replay} as text: one line per feature, a TOTAL line and a legend; money lined up on the point. */
final class ReplayTable {

    private static final List<String> HEADER = List.of("feature", "requests", "actual_usd", "policy_usd", "saved_usd",
            "saved_%", "hits_exact", "hits_semantic", "weak", "weak_share", "quality", "quality_unknown");
    private static final List<Integer> MONEY = List.of(2, 3, 4);

    static final String LEGEND = """
            actual_usd: the answered attempts as booked; policy_usd: 0 for a cache hit, else the same tokens at the policy's model
            weak: requests a learned route sent to its weak model; quality: expected change in the share of answers as good
              as before, per request (-score per move from strong to weak, -%s per semantic hit); quality_unknown: requests
              switched to a model no scorer compares (counted as unchanged)
            """;

    private ReplayTable() {
    }

    static String render(ReplayReport r) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(new ArrayList<>(HEADER));
        for (ReplayLine l : r.features()) {
            lines.add(cells(ReplayFormatter.tag(l.feature()), l));
        }
        lines.add(cells(ReplayFormatter.TOTAL, r.total()));
        for (int column : MONEY) {
            List<List<String>> data = lines.subList(1, lines.size());
            List<String> aligned = DecimalColumn.align(data.stream().map(l -> l.get(column)).toList());
            for (int i = 0; i < data.size(); i++) {
                data.get(i).set(column, aligned.get(i));
            }
        }
        String heading = "What-if replay, " + r.from() + " to " + r.to() + ": " + r.captured() + " captured requests"
                + (r.unmatched() > 0 ? " (" + r.unmatched() + " without an answered ledger row, left out)" : "")
                + ", scorer " + r.scorer() + "\n";
        return heading + align(lines) + LEGEND.formatted(Double.toString(r.semanticHitRisk()));
    }

    private static List<String> cells(String name, ReplayLine l) {
        return new ArrayList<>(List.of(name, Long.toString(l.requests()), ReportTable.exactUsd(l.actualUsd()),
                ReportTable.exactUsd(l.policyUsd()), ReportTable.exactUsd(l.savedUsd()), l.savedPercent().toPlainString(),
                Long.toString(l.exactHits()), Long.toString(l.semanticHits()), Long.toString(l.routedWeak()),
                l.weakShare().toPlainString(), l.qualityChange().toPlainString(), Long.toString(l.qualityUnknown())));
    }

    private static String align(List<List<String>> lines) {
        int[] width = new int[HEADER.size()];
        for (List<String> l : lines) {
            for (int i = 0; i < l.size(); i++) {
                width[i] = Math.max(width[i], l.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int n = 0; n < lines.size(); n++) {
            if (n == lines.size() - 1) {
                sb.append("-".repeat(Arrays.stream(width).sum() + 2 * (width.length - 1))).append('\n');
            }
            StringBuilder line = new StringBuilder();
            List<String> l = lines.get(n);
            for (int i = 0; i < l.size(); i++) {
                String pad = " ".repeat(width[i] - l.get(i).length());
                line.append(i == 0 ? "" : "  ").append(i == 0 ? l.get(i) + pad : pad + l.get(i));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
