package dev.bursar.cli;

import java.util.List;

/** Lines up decimal numbers on their point, so amounts of different precision can be compared at a glance. */
final class DecimalColumn {

    private DecimalColumn() {
    }

    /** The cells padded on both sides to one width, points under each other; a cell without a point ends at it. */
    static List<String> align(List<String> cells) {
        int whole = 0, fraction = 0;
        for (String cell : cells) {
            whole = Math.max(whole, point(cell));
            fraction = Math.max(fraction, cell.length() - point(cell));
        }
        int w = whole, f = fraction;
        return cells.stream().map(c -> " ".repeat(w - point(c)) + c + " ".repeat(f - (c.length() - point(c)))).toList();
    }

    private static int point(String cell) {
        int p = cell.indexOf('.');
        return p < 0 ? cell.length() : p;
    }
}
