package dev.bursar.tiers;

import dev.bursar.pricing.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code bursar tiers eval} as text: one line per candidate, then where each candidate fails (only the categories
 * and tags with a failure, worst first), then the prompts without a score. Money is exact and lined up on the point.
 */
public final class TierReportTable {

    private static final List<String> HEADER = List.of("model", "calls", "errors", "quality", "gap", "failures",
            "cost_usd", "cost_per_1k_usd");

    private TierReportTable() {
    }

    public static String render(TierReport report) {
        StringBuilder sb = new StringBuilder();
        sb.append("golden set: ").append(report.golden()).append(", ").append(report.prompts()).append(" prompts");
        if (report.judge() != null) {
            sb.append(", judge ").append(report.judge()).append(" (a grade below ").append(report.passGrade())
                    .append(" is a failure)");
        }
        sb.append('\n').append("best: ").append(report.best().orElse("none (nothing was scored)")).append("\n\n");
        sb.append(summary(report.candidates())).append('\n');
        for (CandidateReport c : report.candidates()) {
            sb.append(failures(c));
        }
        for (CandidateReport c : report.candidates()) {
            c.errorList().forEach(e -> sb.append("error: ").append(c.model()).append(' ').append(e.id()).append(": ")
                    .append(e.error()).append('\n'));
        }
        BigDecimal judge = report.candidates().stream().map(CandidateReport::judgeCostUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
        sb.append("eval spend: ").append(Money.plain(TierReportCsv.evalCost(report))).append(" USD")
                .append(report.judge() == null ? "" : " (judge " + Money.plain(judge) + ")")
                .append(", booked under its feature tag\n");
        sb.append("""
                quality: share of answers correct (judge grades / 10 where a prompt has no expected answer); gap: to the best
                cost_per_1k_usd: cost_usd x 1000 / calls answered, as the gateway priced them (X-Bursar-Cost-Usd)
                """);
        return sb.toString();
    }

    private static String summary(List<CandidateReport> candidates) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(HEADER);
        for (CandidateReport c : candidates) {
            lines.add(new ArrayList<>(List.of(c.model(), Integer.toString(c.calls()), Integer.toString(c.errors()),
                    orDash(c.quality()), orDash(c.gap()), Integer.toString(c.failures()), Money.plain(c.costUsd()),
                    c.costPer1kUsd().map(Money::plain).orElse("-"))));
        }
        alignOnPoint(lines, 6);
        alignOnPoint(lines, 7);
        return align(lines, 1);
    }

    private static String failures(CandidateReport c) {
        if (c.failures() == 0) {
            return "";
        }
        List<List<String>> lines = new ArrayList<>();
        addGroups(lines, "category", c.byCategory());
        addGroups(lines, "tag", c.byTag());
        StringBuilder sb = new StringBuilder("where ").append(c.model()).append(" fails (").append(c.failures())
                .append(" of ").append(c.scored()).append(" scored: ").append(String.join(", ", c.failed())).append("):\n");
        if (!lines.isEmpty()) {
            lines.addFirst(List.of("by", "name", "failed", "of", "share"));
            align(lines, 2).lines().forEach(l -> sb.append("  ").append(l).append('\n'));
        }
        return sb.append('\n').toString();
    }

    private static void addGroups(List<List<String>> lines, String kind, Map<String, CandidateReport.Group> groups) {
        groups.forEach((name, g) -> {
            if (g.failures() > 0) {
                lines.add(List.of(kind, name, Integer.toString(g.failures()), Integer.toString(g.prompts()),
                        g.share().toPlainString()));
            }
        });
    }

    private static String orDash(Optional<BigDecimal> v) {
        return v.map(BigDecimal::toPlainString).orElse("-");
    }

    private static void alignOnPoint(List<List<String>> lines, int column) {
        int whole = 0;
        int fraction = 0;
        for (List<String> l : lines.subList(1, lines.size())) {
            whole = Math.max(whole, point(l.get(column)));
            fraction = Math.max(fraction, l.get(column).length() - point(l.get(column)));
        }
        for (List<String> l : lines.subList(1, lines.size())) {
            String c = l.get(column);
            l.set(column, " ".repeat(whole - point(c)) + c + " ".repeat(fraction - (c.length() - point(c))));
        }
    }

    private static int point(String cell) {
        int p = cell.indexOf('.');
        return p < 0 ? cell.length() : p;
    }

    /** The first {@code textColumns} columns left-aligned, the others right-aligned, two spaces apart. */
    private static String align(List<List<String>> lines, int textColumns) {
        int[] width = new int[lines.getFirst().size()];
        lines.forEach(l -> {
            for (int i = 0; i < l.size(); i++) {
                width[i] = Math.max(width[i], l.get(i).length());
            }
        });
        StringBuilder sb = new StringBuilder();
        for (List<String> l : lines) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < l.size(); i++) {
                String pad = " ".repeat(width[i] - l.get(i).length());
                line.append(i == 0 ? "" : "  ").append(i < textColumns ? l.get(i) + pad : pad + l.get(i));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
