package dev.bursar.cli;

import java.util.Arrays;
import java.util.List;

/** Aligns text lines into columns: the first {@code textColumns} left-aligned, the rest right-aligned. */
final class Columns {

    private Columns() {
    }

    /** With {@code totalRule}, a dashed rule goes above the last line. */
    static String render(List<List<String>> lines, int textColumns, boolean totalRule) {
        int[] width = new int[lines.getFirst().size()];
        for (List<String> l : lines) {
            for (int i = 0; i < l.size(); i++) {
                width[i] = Math.max(width[i], l.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int n = 0; n < lines.size(); n++) {
            if (totalRule && n == lines.size() - 1) {
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
