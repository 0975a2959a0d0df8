package dev.bursar.books;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Revenue CSV importers ({@code bursar revenue import}). Two layouts:
 * <ul>
 *   <li>{@code csv} (Bursar's own): {@code customer,month,amount_usd[,reference]}; month is YYYY-MM, the amount a
 *       decimal in USD; without a reference the line is keyed by file name and line number.</li>
 *   <li>{@code stripe}: a Stripe-style invoice-line export: {@code id} (the line item, also {@code invoice_line_item_id}),
 *       {@code customer} ({@code customer_id}), {@code period_start} (a date, a timestamp or Unix seconds; the month it
 *       falls in, UTC, is the line's month), {@code amount} (decimal USD, or integer cents with {@code cents}) and
 *       {@code currency} (only usd is accepted). Which column names the customer can be changed, e.g. to a metadata
 *       column holding the ledger's customer tag.</li>
 * </ul>
 * Header names are matched ignoring case, spaces and dots ("Period Start" is period_start).
 */
public final class RevenueImport {

    public enum Layout { csv, stripe }

    /** Importer settings: {@code customerColumn} null for the layout's default; {@code cents} for Stripe amounts in cents. */
    public record Options(Layout layout, String customerColumn, boolean cents, String fileName) { }

    private RevenueImport() {
    }

    /** Every line, or an error naming the first bad line: nothing is imported from a file with a bad line. */
    public static List<RevenueLine> parse(String text, Options o) {
        List<RevenueLine> out = new ArrayList<>();
        for (CsvRecords.Line line : CsvRecords.read(text)) {
            try {
                out.add(o.layout() == Layout.csv ? plain(line, o) : stripe(line, o));
            } catch (IllegalArgumentException | ArithmeticException | DateTimeParseException e) {
                throw new IllegalArgumentException(o.fileName() + " line " + line.number() + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static RevenueLine plain(CsvRecords.Line l, Options o) {
        String customer = required(l, column(o, "customer"));
        YearMonth month = YearMonth.parse(required(l, "month"));
        BigDecimal amount = new BigDecimal(required(l, "amount_usd", "amount"));
        String ref = l.get("reference", "id");
        return new RevenueLine(customer, month, amount, "csv", ref == null ? o.fileName() + ":" + l.number() : ref);
    }

    private static RevenueLine stripe(CsvRecords.Line l, Options o) {
        String currency = l.get("currency");
        if (currency != null && !currency.equalsIgnoreCase("usd")) {
            throw new IllegalArgumentException("currency is " + currency + "; only usd lines can be imported");
        }
        String customer = o.customerColumn() == null ? required(l, "customer", "customer_id") : required(l, column(o, "customer"));
        String id = required(l, "id", "invoice_line_item_id", "line_item_id");
        BigDecimal amount = new BigDecimal(required(l, "amount", "amount_usd").replace(",", ""));
        if (o.cents()) {
            amount = amount.movePointLeft(2);
        }
        return new RevenueLine(customer, month(required(l, "period_start", "period_start_utc")), amount, "stripe", id);
    }

    private static String column(Options o, String dflt) {
        return o.customerColumn() == null ? dflt : CsvRecords.normalise(o.customerColumn());
    }

    private static String required(CsvRecords.Line l, String... names) {
        String v = l.get(names);
        if (v == null) {
            throw new IllegalArgumentException("column " + names[0] + " is missing or empty");
        }
        return v;
    }

    /** A date, a date-time (with or without zone, read as UTC) or Unix seconds. */
    static YearMonth month(String text) {
        String t = text.trim();
        if (t.matches("\\d{9,11}")) {
            return YearMonth.from(Instant.ofEpochSecond(Long.parseLong(t)).atZone(ZoneOffset.UTC));
        }
        if (t.length() >= 10 && t.substring(0, 10).matches("\\d{4}-\\d{2}-\\d{2}")) {
            String rest = t.substring(10).trim().toUpperCase(Locale.ROOT);
            if (rest.isEmpty() || rest.startsWith("T") || rest.matches("\\d.*")) {
                if (rest.endsWith("Z") || rest.matches(".*[+-]\\d{2}:?\\d{2}$")) {
                    return YearMonth.from(java.time.OffsetDateTime.parse(t.replace(' ', 'T')).atZoneSameInstant(ZoneOffset.UTC));
                }
                return YearMonth.from(LocalDate.parse(t.substring(0, 10)));
            }
        }
        throw new IllegalArgumentException("period_start '" + text + "' is not a date, a timestamp or Unix seconds");
    }
}
