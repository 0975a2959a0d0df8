package dev.bursar.books;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.pricing.Money;
import java.math.BigDecimal;

/**
 * The margin report as JSON, the same bytes for {@code bursar margin --format json} and {@code GET /admin/margin}:
 * money as exact decimal strings, percents as decimal strings (two decimals at most), counts as integers.
 */
public final class MarginJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MarginJson() {
    }

    public static String render(MarginReport r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("month", r.month().map(Object::toString).orElse(null));
        root.put("from", r.from().toString());
        root.put("to", r.to().toString());
        root.put("group_by", r.groupBy().wireName());
        root.put("target_margin_pct", r.targetMarginPct() == null ? null : r.targetMarginPct().toPlainString());
        ArrayNode rows = root.putArray("rows");
        r.rows().forEach(row -> row(rows.addObject(), row, r.groupBy()));
        ObjectNode totals = root.putObject("totals");
        measures(totals, r.totals());
        totals.put("unallocated_usd", Money.plain(r.totals().unallocatedUsd()));
        ArrayNode tco = root.putArray("tco");
        BigDecimal total = r.totals().costToServeUsd();
        for (MarginReport.TcoLine l : r.tco()) {
            ObjectNode o = tco.addObject();
            o.put("name", l.name());
            o.put("category", l.category());
            o.put("usd", Money.plain(l.usd()));
            o.put("pct_of_total", total.signum() == 0 ? null
                    : l.usd().multiply(BigDecimal.valueOf(100)).divide(total, 2, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString());
            o.put("allocate", l.allocation());
            o.put("source", l.source());
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void row(ObjectNode o, MarginRow row, MarginGroup group) {
        o.put(group.wireName(), row.key());
        if (group == MarginGroup.CUSTOMER) {
            o.put("plan", row.plan());
            o.put("free_tier", row.freeTier());
        } else if (group == MarginGroup.PLAN) {
            o.put("free_tier", row.freeTier());
        }
        measures(o, row);
        o.put("target_margin_pct", row.targetMarginPct() == null ? null : row.targetMarginPct().toPlainString());
        o.put("status", row.status());
    }

    private static void measures(ObjectNode o, MarginRow row) {
        o.put("revenue_usd", Money.plain(row.revenueUsd()));
        o.put("api_cost_usd", Money.plain(row.apiCostUsd()));
        o.put("failed_usd", Money.plain(row.failedUsd()));
        o.put("allocated_usd", Money.plain(row.allocatedUsd()));
        ObjectNode byCategory = o.putObject("allocated");
        row.allocatedByCategory().forEach((c, usd) -> byCategory.put(c, Money.plain(usd)));
        o.put("cost_to_serve_usd", Money.plain(row.costToServeUsd()));
        o.put("margin_usd", Money.plain(row.marginUsd()));
        o.put("margin_pct", row.marginPct().map(BigDecimal::toPlainString).orElse(null));
        o.put("customers", row.customers());
        o.put("active_customers", row.activeCustomers());
        o.put("requests", row.requests());
        o.put("cost_per_active_customer_usd", row.costPerActiveCustomerUsd().map(Money::plain).orElse(null));
    }
}
