package dev.bursar.books;

import dev.bursar.csv.CsvWriter;
import dev.bursar.focus.FocusColumns;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The books' cost items as FOCUS 1.2 rows, one per item and calendar month of the export, after the ledger's rows
 * (so {@code bursar export --format focus} is the ledger AND the costs outside the API bill). Amounts are exactly the
 * margin report's: a month only partly in the range counts its share of seconds. A recurring item is a
 * {@code Usage} charge of {@code Recurring} frequency, priced in months (its quantity the share of the month); a
 * one-off item is a {@code Purchase}. The item's label (AWS, Datadog) is the provider where it has one.
 */
public final class FocusCostItems {

    /** The FOCUS service category of each books category. */
    private static final Map<String, String> SERVICE_CATEGORIES = Map.of("infrastructure", "Compute",
            "monitoring", "Management and Governance", "storage", "Storage", "engineering", "Developer Tools",
            "evaluation", "AI and Machine Learning", "dev-test", "Developer Tools", "other", "Other");
    static final String ACCOUNT = "bursar-books";

    private FocusCostItems() {
    }

    /** The rows' cells in {@link FocusColumns#all()} order. */
    public static List<List<Object>> rows(List<Books.CostCharge> charges) {
        List<List<Object>> out = new ArrayList<>();
        for (Books.CostCharge c : charges) {
            Map<String, Object> v = values(c);
            List<Object> row = new ArrayList<>();
            for (String column : FocusColumns.all()) {
                row.add(v.get(column));
            }
            out.add(row);
        }
        return out;
    }

    /** Appends the rows (no header: they follow the ledger's) to {@code out}, which stays open. */
    public static void write(List<Books.CostCharge> charges, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        CsvWriter csv = new CsvWriter(w);
        rows(charges).forEach(csv::row);
        w.flush();
    }

    private static Map<String, Object> values(Books.CostCharge c) {
        CostItem item = c.item();
        boolean once = item.onceUsd() != null;
        String provider = item.label() == null || item.label().isBlank() ? item.name() : item.label();
        Instant monthStart = c.month().atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant monthEnd = c.month().plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, Object> v = new HashMap<>();
        v.put("BilledCost", c.usd());
        v.put("BillingAccountId", ACCOUNT);
        v.put("BillingAccountName", "Bursar books");
        v.put("BillingCurrency", "USD");
        v.put("BillingPeriodStart", monthStart.toString());
        v.put("BillingPeriodEnd", monthEnd.toString());
        v.put("ChargeCategory", once ? "Purchase" : "Usage");
        v.put("ChargeDescription", item.category() + " cost '" + item.name() + "'" + (once
                ? ": one-off $" + item.onceUsd().toPlainString() : ": $" + item.monthlyUsd().toPlainString()
                + " a month" + (c.seconds() == c.monthSeconds() ? "" : ", the part of " + c.month() + " exported")));
        v.put("ChargePeriodStart", c.from().toString());
        v.put("ChargePeriodEnd", c.to().toString());
        v.put("ContractedCost", c.usd());
        v.put("EffectiveCost", c.usd());
        v.put("ListCost", c.usd());
        v.put("InvoiceIssuerName", provider);
        v.put("ProviderName", provider);
        v.put("PublisherName", provider);
        v.put("PricingQuantity", once ? BigDecimal.ONE : monthShare(c));
        v.put("PricingUnit", once ? "Purchases" : "Months");
        v.put("ServiceCategory", SERVICE_CATEGORIES.getOrDefault(item.category(), "Other"));
        v.put("ServiceName", provider);
        v.put("ChargeFrequency", once ? "One-Time" : "Recurring");
        v.put("x_CostItem", item.name());
        v.put("x_CostCategory", item.category());
        v.put("x_CostLabel", item.label());
        v.put("x_CostAllocation", item.allocate().text());
        v.put("x_CostSource", item.fromFile() ? "yaml" : "api");
        return v;
    }

    /** The share of the month the charge covers; exact for whole months, 12 places otherwise. */
    private static BigDecimal monthShare(Books.CostCharge c) {
        return c.seconds() == c.monthSeconds() ? BigDecimal.ONE
                : BigDecimal.valueOf(c.seconds()).divide(BigDecimal.valueOf(c.monthSeconds()), 12, RoundingMode.HALF_EVEN)
                .stripTrailingZeros();
    }
}
