package dev.bursar.focus;

import java.util.ArrayList;
import java.util.List;

/** Reads RFC 4180 CSV (quoted cells, doubled quotes, CRLF or LF) into rows of cells; an empty cell is null. */
final class FocusCsv {

    private FocusCsv() {
    }

    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false, wasQuoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                row.add(value(cell, wasQuoted));
                cell.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(value(cell, wasQuoted));
                rows.add(row);
                row = new ArrayList<>();
                cell.setLength(0);
                wasQuoted = false;
            } else {
                cell.append(c);
            }
        }
        if (!cell.isEmpty() || !row.isEmpty()) {
            row.add(value(cell, wasQuoted));
            rows.add(row);
        }
        return rows;
    }

    private static String value(StringBuilder cell, boolean quoted) {
        return cell.isEmpty() && !quoted ? null : cell.toString();
    }
}
