package dev.bursar.cli;

import dev.bursar.ledger.Dimension;
import dev.bursar.ledger.SpendRow;
import dev.bursar.pricing.Usage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The text report: one line per group, a TOTAL line and a legend. Narrower than the CSV and JSON (short headers,
 * the two cache-write classes summed, reasoning left out as it is part of output), with money right-aligned on the
 * decimal point and exact, never rounded: the same digits as X-Bursar-Cost-Usd, the CSV and the JSON.
 */
final class ReportTable {

    private static final List<String> HEADER = List.of("requests", "attempts", "failed", "cost_usd", "failed_usd",
            "saved_usd", "input", "cached", "cache_write", "output");
    private static final List<Integer> MONEY = List.of(3, 4, 5);

    static final String LEGEND = """
            requests: client requests answered (successes and cache hits)
            attempts: calls to a provider, failed ones included; failed: those that ended in an error
            failed_usd: the part of cost_usd spent on failed attempts
            tokens, summed over attempts: input is the whole prompt; cached (cache reads) and cache_write (5 min + 1 h)
              are parts of it; output includes reasoning. --format csv|json has every token class.
            """;

    private ReportTable() {
    }

    static String render(List<Dimension> dims, List<SpendRow> rows) {
        List<String> header = new ArrayList<>();
        dims.forEach(d -> header.add(d.wireName()));
        int textColumns = Math.max(1, dims.size());
        if (dims.isEmpty()) {
            header.add("");
        }
        header.addAll(HEADER);
        List<List<String>> lines = new ArrayList<>();
        lines.add(header);
        if (!dims.isEmpty()) {
            for (SpendRow r : rows) { // without dimensions the one row is the total
                List<String> line = new ArrayList<>(r.group());
                line.addAll(measures(r));
                lines.add(line);
            }
        }
        List<String> totalLine = new ArrayList<>();
        for (int i = 0; i < textColumns; i++) {
            totalLine.add(i == 0 ? "TOTAL" : "");
        }
        totalLine.addAll(measures(ReportFormatter.total(rows)));
        lines.add(totalLine);
        MONEY.forEach(m -> alignOnPoint(lines, textColumns + m));
        return align(lines, textColumns) + LEGEND;
    }

    private static List<String> measures(SpendRow r) {
        Usage t = r.tokens();
        return List.of(Long.toString(r.requests()), Long.toString(r.attempts()), Long.toString(r.failedAttempts()),
                exactUsd(r.costUsd()), exactUsd(r.failedCostUsd()), exactUsd(r.savedUsd()),
                Long.toString(t.inputTokens()), Long.toString(t.cachedInputTokens()),
                Long.toString(t.cacheWrite5mTokens() + t.cacheWrite1hTokens()), Long.toString(t.outputTokens()));
    }

    /** At least cents, and every digit there is ({@code 0.0002025}, {@code 12.50}). */
    static String exactUsd(BigDecimal v) {
        BigDecimal plain = v.stripTrailingZeros();
        return (plain.scale() < 2 ? plain.setScale(2) : plain).toPlainString();
    }

    /** Pads a money column's cells so that the points line up under each other. */
    private static void alignOnPoint(List<List<String>> lines, int column) {
        List<List<String>> data = lines.subList(1, lines.size());
        List<String> aligned = DecimalColumn.align(data.stream().map(l -> l.get(column)).toList());
        for (int i = 0; i < data.size(); i++) {
            data.get(i).set(column, aligned.get(i));
        }
    }

    private static String align(List<List<String>> lines, int textColumns) {
        int[] width = new int[lines.getFirst().size()];
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
            List<String> l = lines.get(n);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < l.size(); i++) {
                String cell = l.get(i);
                String pad = " ".repeat(width[i] - cell.length());
                line.append(i == 0 ? "" : "  ").append(i < textColumns ? cell + pad : pad + cell);
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
