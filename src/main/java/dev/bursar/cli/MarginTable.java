package dev.bursar.cli;

import dev.bursar.books.MarginReport;
import dev.bursar.books.MarginRow;
import dev.bursar.csv.CsvWriter;
import java.util.ArrayList;
import java.util.List;

/** The margin report as text (rows, a TOTAL line, then the total cost of ownership line by line) and as CSV. */
final class MarginTable {

    private MarginTable() {
    }

    static String render(MarginReport r) {
        List<String> header = new ArrayList<>(List.of(r.groupBy().wireName()));
        boolean customers = r.groupBy() == dev.bursar.books.MarginGroup.CUSTOMER;
        if (customers) {
            header.add("plan");
        }
        header.addAll(List.of("revenue_usd", "api_usd", "failed_usd", "allocated_usd", "cost_to_serve_usd",
                "margin_usd", "margin_pct", "status"));
        List<List<String>> lines = new ArrayList<>();
        lines.add(header);
        for (MarginRow row : r.rows()) {
            List<String> line = new ArrayList<>(List.of(row.key()));
            if (customers) {
                line.add(row.plan() + (row.freeTier() ? " (free)" : ""));
            }
            line.addAll(measures(row));
            line.add(row.status());
            lines.add(line);
        }
        List<String> total = new ArrayList<>(List.of("TOTAL"));
        if (customers) {
            total.add("");
        }
        total.addAll(measures(r.totals()));
        total.add("");
        lines.add(total);
        int text = customers ? 2 : 1;
        StringBuilder sb = new StringBuilder(Columns.render(lines, text, true));
        MarginRow t = r.totals();
        sb.append("active customers: ").append(t.activeCustomers()).append(", cost to serve per active customer: ")
                .append(t.costPerActiveCustomerUsd().map(ReportTable::exactUsd).orElse("-"))
                .append(t.unallocatedUsd().signum() == 0 ? "" : ", unallocated (in TOTAL only): " + ReportTable.exactUsd(t.unallocatedUsd()))
                .append('\n').append('\n').append(tco(r));
        return sb.toString();
    }

    private static List<String> measures(MarginRow row) {
        return List.of(ReportTable.exactUsd(row.revenueUsd()), ReportTable.exactUsd(row.apiCostUsd()),
                ReportTable.exactUsd(row.failedUsd()), ReportTable.exactUsd(row.allocatedUsd()),
                ReportTable.exactUsd(row.costToServeUsd()), ReportTable.exactUsd(row.marginUsd()),
                row.marginPct().map(p -> p.toPlainString() + "%").orElse("-"));
    }

    private static String tco(MarginReport r) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(List.of("cost", "category", "usd", "allocate"));
        for (MarginReport.TcoLine l : r.tco()) {
            lines.add(List.of(l.name(), l.category(), ReportTable.exactUsd(l.usd()), l.allocation()));
        }
        lines.add(List.of("TOTAL", "", ReportTable.exactUsd(r.totals().costToServeUsd()), ""));
        return Columns.render(lines, 2, true);
    }

    static String csv(MarginReport r) {
        StringBuilder sb = new StringBuilder();
        CsvWriter csv = new CsvWriter(sb);
        List<Object> header = new ArrayList<>(List.of(r.groupBy().wireName(), "plan", "free_tier", "revenue_usd",
                "api_cost_usd", "failed_usd", "allocated_usd"));
        r.categories().forEach(c -> header.add("allocated_" + c.replace('-', '_') + "_usd"));
        header.addAll(List.of("cost_to_serve_usd", "margin_usd", "margin_pct", "customers", "active_customers",
                "requests", "cost_per_active_customer_usd", "target_margin_pct", "status"));
        csv.row(header);
        for (MarginRow row : r.rows()) {
            List<Object> line = new ArrayList<>();
            line.add(row.key());
            line.add(row.plan());
            line.add(row.freeTier());
            line.addAll(List.of(row.revenueUsd(), row.apiCostUsd(), row.failedUsd(), row.allocatedUsd()));
            line.addAll(row.allocatedByCategory().values());
            line.addAll(List.of(row.costToServeUsd(), row.marginUsd()));
            line.add(row.marginPct().orElse(null));
            line.addAll(List.of(row.customers(), row.activeCustomers(), row.requests()));
            line.add(row.costPerActiveCustomerUsd().orElse(null));
            line.add(row.targetMarginPct());
            line.add(row.status());
            csv.row(line);
        }
        return sb.toString();
    }
}
