package dev.bursar.books;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.pricing.Money;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A scenario's result: per customer its margin before and after, which customers turn unprofitable and which fall
 * below the target, totals, and the break-even price of each plan after the changes.
 */
public record ScenarioReport(YearMonth month, BigDecimal targetMarginPct, List<Change> customers, MarginRow totalBefore,
                             MarginRow totalAfter, List<BreakEven> breakEven) {

    /** One customer: {@code before} or {@code after} is empty where it has no row (no usage, plan or revenue). */
    public record Change(String customer, String plan, Optional<MarginRow> before, Optional<MarginRow> after) {

        public BigDecimal marginDeltaUsd() {
            return after.map(MarginRow::marginUsd).orElse(Money.ZERO).subtract(before.map(MarginRow::marginUsd).orElse(Money.ZERO));
        }

        public boolean turnsUnprofitable() {
            return after.map(a -> a.marginUsd().signum() < 0).orElse(false) && before.map(b -> b.marginUsd().signum() >= 0).orElse(true);
        }

        /** "below" when the customer falls under its target, "above" when it climbs over it, else empty. */
        public Optional<String> crossesTarget() {
            boolean was = before.map(b -> !b.status().equals("ok")).orElse(false);
            boolean is = after.map(a -> !a.status().equals("ok")).orElse(false);
            return was == is ? Optional.empty() : Optional.of(is ? "below" : "above");
        }
    }

    static ScenarioReport of(YearMonth month, BigDecimal target, MarginReport before, MarginReport after, List<BreakEven> breakEven) {
        Map<String, MarginRow> b = new HashMap<>();
        before.rows().forEach(r -> b.put(r.key(), r));
        List<Change> changes = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (MarginRow a : after.rows()) { // the after order: worst margins first
            changes.add(new Change(a.key(), a.plan(), Optional.ofNullable(b.get(a.key())), Optional.of(a)));
            seen.add(a.key());
        }
        before.rows().stream().filter(r -> !seen.contains(r.key()))
                .forEach(r -> changes.add(new Change(r.key(), r.plan(), Optional.of(r), Optional.empty())));
        return new ScenarioReport(month, target, changes, before.totals(), after.totals(), breakEven);
    }

    public List<String> turnedUnprofitable() {
        return customers.stream().filter(Change::turnsUnprofitable).map(Change::customer).toList();
    }

    public List<String> fellBelowTarget() {
        return customers.stream().filter(c -> c.crossesTarget().equals(Optional.of("below"))).map(Change::customer).toList();
    }

    public String json() {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("month", month.toString());
        root.put("target_margin_pct", targetMarginPct == null ? null : targetMarginPct.toPlainString());
        ArrayNode rows = root.putArray("customers");
        for (Change c : customers) {
            ObjectNode o = rows.addObject();
            o.put("customer", c.customer());
            o.put("plan", c.plan());
            side(o.putObject("before"), c.before());
            side(o.putObject("after"), c.after());
            o.put("margin_delta_usd", Money.plain(c.marginDeltaUsd()));
            o.put("turns_unprofitable", c.turnsUnprofitable());
            o.put("crosses_target", c.crossesTarget().orElse(null));
        }
        ObjectNode totals = root.putObject("totals");
        side(totals.putObject("before"), Optional.of(totalBefore));
        side(totals.putObject("after"), Optional.of(totalAfter));
        ArrayNode unprofitable = root.putArray("turned_unprofitable");
        turnedUnprofitable().forEach(unprofitable::add);
        ArrayNode below = root.putArray("fell_below_target");
        fellBelowTarget().forEach(below::add);
        ArrayNode plans = root.putArray("break_even");
        for (BreakEven e : breakEven) {
            ObjectNode o = plans.addObject();
            o.put("plan", e.plan());
            o.put("customers", e.customers());
            o.put("monthly_usd", Money.plain(e.monthlyUsd()));
            o.put("break_even_monthly_usd", e.breakEvenMonthlyUsd().toPlainString());
            o.put("target_monthly_usd", e.targetMonthlyUsd() == null ? null : e.targetMonthlyUsd().toPlainString());
        }
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void side(ObjectNode o, Optional<MarginRow> row) {
        if (row.isEmpty()) {
            return;
        }
        MarginRow r = row.get();
        o.put("revenue_usd", Money.plain(r.revenueUsd()));
        o.put("api_cost_usd", Money.plain(r.apiCostUsd()));
        o.put("failed_usd", Money.plain(r.failedUsd()));
        o.put("allocated_usd", Money.plain(r.allocatedUsd()));
        o.put("cost_to_serve_usd", Money.plain(r.costToServeUsd()));
        o.put("margin_usd", Money.plain(r.marginUsd()));
        o.put("margin_pct", r.marginPct().map(BigDecimal::toPlainString).orElse(null));
        o.put("status", r.status());
    }
}
