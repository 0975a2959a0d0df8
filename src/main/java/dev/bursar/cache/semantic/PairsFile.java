package dev.bursar.cache.semantic;

import dev.bursar.csv.CsvReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A labelled pairs file: {@code text_a, text_b, label} per row, label 1/0 or true/false, an optional header line.
 * Tab-separated (a {@code .tsv} file, or a first line with a tab: split on tabs, quotes are text) or comma-separated
 * (RFC 4180 quoting: fields in double quotes may hold commas, newlines and doubled quotes).
 */
public final class PairsFile {

    private PairsFile() {
    }

    public static List<LabelledPair> read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String first = text.lines().findFirst().orElse("");
        boolean tabs = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tsv") || first.contains("\t");
        List<List<String>> rows = tabs ? tsv(text) : CsvReader.rows(text);
        List<LabelledPair> pairs = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue;
            }
            if (row.size() < 3) {
                throw new IllegalArgumentException(file + " row " + (i + 1) + ": expected text_a, text_b, label; got " + row.size() + " field(s)");
            }
            Boolean label = label(row.get(2));
            if (label == null) {
                if (i == 0) {
                    continue; // a header line
                }
                throw new IllegalArgumentException(file + " row " + (i + 1) + ": label '" + row.get(2) + "' is not 1/0 or true/false");
            }
            pairs.add(new LabelledPair(row.get(0), row.get(1), label));
        }
        return pairs;
    }

    static Boolean label(String raw) {
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes" -> true;
            case "0", "false", "no" -> false;
            default -> null;
        };
    }

    static List<List<String>> tsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        text.lines().forEach(line -> rows.add(List.of(line.split("\t", -1))));
        return rows;
    }
}
