package dev.bursar.reconcile;

import java.util.ArrayList;
import java.util.List;

/** The text form: the measures the report compares, ledger / reported / difference for each, then the verdict. */
final class ReconcileTable {

    private static final List<String> SHORT = List.of("input", "cached", "cache_write", "output");

    private ReconcileTable() {
    }

    static String render(Source source, List<ReconcileRow> rows) {
        List<String> header = new ArrayList<>(List.of("day", "provider", "model"));
        if (source.dollars()) {
            header.addAll(List.of("ledger_usd", "reported_usd", "difference_usd"));
        } else {
            SHORT.forEach(s -> header.addAll(List.of("ledger_" + s, "reported_" + s, "diff_" + s)));
        }
        header.add("verdict");
        List<List<String>> lines = new ArrayList<>();
        lines.add(header);
        for (ReconcileRow r : rows) {
            List<String> line = new ArrayList<>(List.of(r.day().toString(), r.provider(), r.model()));
            if (source.dollars()) {
                line.add(ReconcileFormatter.usd(r.ledger().orElse(Side.ZERO).costUsd()));
                line.add(ReconcileFormatter.usd(r.reported().orElse(Side.ZERO).costUsd()));
                line.add(ReconcileFormatter.usd(r.costDifference()));
            } else {
                long[] l = ReconcileFormatter.tokens(r.ledger().orElse(Side.ZERO).tokens());
                long[] p = ReconcileFormatter.tokens(r.reported().orElse(Side.ZERO).tokens());
                long[] d = r.tokenDifference();
                for (int i = 0; i < l.length; i++) {
                    line.addAll(List.of(Long.toString(l[i]), Long.toString(p[i]), Long.toString(d[i])));
                }
            }
            line.add(r.verdict().label());
            lines.add(line);
        }
        long beyond = rows.stream().filter(r -> r.verdict() != Verdict.OK).count();
        return align(lines) + (rows.isEmpty() ? "no traffic on either side\n"
                : beyond == 0 ? "all " + rows.size() + " rows within tolerance\n"
                : beyond + " of " + rows.size() + " rows beyond tolerance (difference = reported - ledger)\n");
    }

    private static String align(List<List<String>> lines) {
        int[] width = new int[lines.getFirst().size()];
        for (List<String> l : lines) {
            for (int i = 0; i < l.size(); i++) {
                width[i] = Math.max(width[i], l.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> l : lines) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < l.size(); i++) {
                String cell = l.get(i);
                String pad = " ".repeat(width[i] - cell.length());
                boolean text = i < 3 || i == l.size() - 1;
                line.append(i == 0 ? "" : "  ").append(text ? cell + pad : pad + cell);
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
