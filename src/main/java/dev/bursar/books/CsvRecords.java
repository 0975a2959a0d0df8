package dev.bursar.books;

import dev.bursar.csv.CsvReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads RFC 4180 CSV text (quoted fields, doubled quotes, CRLF or LF) into records keyed by normalised header names. */
final class CsvRecords {

    /** One data line: its 1-based line number in the file and its fields by normalised header. */
    record Line(int number, Map<String, String> fields) {
        String get(String... names) {
            for (String n : names) {
                String v = fields.get(n);
                if (v != null && !v.isBlank()) {
                    return v.trim();
                }
            }
            return null;
        }
    }

    private CsvRecords() {
    }

    /** Header names lower-cased, with spaces, dots and dashes as underscores ("Period Start" is period_start). */
    static String normalise(String header) {
        return header.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s.\\-]+", "_").replace("\uFEFF", "");
    }

    static List<Line> read(String text) {
        List<List<String>> rows = CsvReader.rows(text);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("the CSV is empty; it needs a header line");
        }
        List<String> header = rows.getFirst().stream().map(CsvRecords::normalise).toList();
        List<Line> out = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            List<String> r = rows.get(i);
            if (r.size() == 1 && r.getFirst().isBlank()) {
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (int c = 0; c < header.size() && c < r.size(); c++) {
                fields.put(header.get(c), r.get(c));
            }
            out.add(new Line(i + 1, fields));
        }
        return out;
    }
}
