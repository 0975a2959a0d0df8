package dev.bursar.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;

/**
 * Writes RFC 4180 rows (CRLF line ends). Every CSV Bursar writes goes through here, because a CSV is opened in a
 * spreadsheet: text that starts with {@code = + - @}, a tab or a carriage return would run there as a formula
 * (a tag {@code =HYPERLINK(...)} chosen by whoever calls the gateway). Such text is written as OWASP recommends:
 * prefixed with a single quote and quoted, so the spreadsheet shows it as text.
 *
 * <p>Only text is neutralised. Bursar's own numbers ({@link Number}, {@link Boolean}) are written as they are, so
 * a numeric column stays numeric; money as plain decimal text without trailing zeros.
 */
public final class CsvWriter {

    private final Appendable out;

    public CsvWriter(Appendable out) {
        this.out = out;
    }

    /** One row: {@code null} is an empty cell, a {@link CharSequence} is text, anything else a value of Bursar's. */
    public CsvWriter row(List<?> cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            line.append(i == 0 ? "" : ",").append(cell(cells.get(i)));
        }
        try {
            out.append(line).append("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write CSV: " + e.getMessage(), e);
        }
        return this;
    }

    static String cell(Object value) {
        return switch (value) {
            case null -> "";
            case CharSequence text -> text(text.toString());
            case BigDecimal d -> d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
            case Number n -> n.toString();
            case Boolean b -> b.toString();
            default -> text(value.toString());
        };
    }

    /** Text cell: neutralised if a spreadsheet would read it as a formula, quoted if it needs quotes. */
    private static String text(String s) {
        if (isFormula(s)) {
            return quote("'" + s);
        }
        boolean plain = s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0;
        return plain ? s : quote(s);
    }

    private static boolean isFormula(String s) {
        if (s.isEmpty()) {
            return false;
        }
        char first = s.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    private static String quote(String s) {
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
