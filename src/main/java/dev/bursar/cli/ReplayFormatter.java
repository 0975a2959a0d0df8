package dev.bursar.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.csv.CsvWriter;
import dev.bursar.ledger.SpendRow;
import dev.bursar.pricing.Money;
import dev.bursar.replay.ReplayLine;
import dev.bursar.replay.ReplayReport;
import java.util.ArrayList;
import java.util.List;

/** {@code bursar replay} as JSON or CSV. Money is exact decimal text, as in {@code bursar report}. */
final class ReplayFormatter {

    static final List<String> COLUMNS = List.of("feature", "requests", "actual_cost_usd", "policy_cost_usd", "saved_usd",
            "saved_pct", "cache_hits_exact", "cache_hits_semantic", "routed_weak", "routed_weak_share", "quality_change",
            "quality_unknown");
    static final String TOTAL = "TOTAL";

    private ReplayFormatter() {
    }

    static String json(ReplayReport r) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("from", r.from().toString());
        root.put("to", r.to().toString());
        root.put("scorer", r.scorer());
        root.put("captured", r.captured());
        root.put("unmatched", r.unmatched());
        root.put("semantic_hit_risk", Double.toString(r.semanticHitRisk()));
        var rows = root.putArray("features");
        for (ReplayLine l : r.features()) {
            put(rows.addObject().put("feature", tag(l.feature())), l);
        }
        put(root.putObject("total"), r.total());
        ObjectNode legend = root.putObject("legend");
        legend.put("actual_cost_usd", "the answered attempts' cost as the ledger booked it (failed attempts left out)");
        legend.put("policy_cost_usd", "0 for a cache hit; else the same recorded tokens at the policy model's catalog price");
        legend.put("quality_change", "expected change in the share of answers as good as before, per request: -score per"
                + " move from strong to weak, -semantic_hit_risk per semantic hit");
        legend.put("quality_unknown", "requests switched to a model no scorer compares (counted as unchanged)");
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void put(ObjectNode o, ReplayLine l) {
        o.put("requests", l.requests());
        o.put("actual_cost_usd", Money.plain(l.actualUsd()));
        o.put("policy_cost_usd", Money.plain(l.policyUsd()));
        o.put("saved_usd", Money.plain(l.savedUsd()));
        o.put("saved_pct", l.savedPercent().toPlainString());
        o.put("cache_hits_exact", l.exactHits());
        o.put("cache_hits_semantic", l.semanticHits());
        o.put("routed_weak", l.routedWeak());
        o.put("routed_weak_share", l.weakShare().toPlainString());
        o.put("quality_change", l.qualityChange().toPlainString());
        o.put("quality_unknown", l.qualityUnknown());
    }

    /** Tags are caller-chosen text: through the formula-safe {@link CsvWriter}. */
    static String csv(ReplayReport r) {
        StringBuilder sb = new StringBuilder();
        CsvWriter csv = new CsvWriter(sb);
        csv.row(COLUMNS);
        for (ReplayLine l : r.features()) {
            csv.row(cells(tag(l.feature()), l));
        }
        csv.row(cells(TOTAL, r.total()));
        return sb.toString();
    }

    static List<Object> cells(String name, ReplayLine l) {
        List<Object> line = new ArrayList<>();
        line.add(name);
        line.add(l.requests());
        line.add(Money.plain(l.actualUsd()));
        line.add(Money.plain(l.policyUsd()));
        line.add(Money.plain(l.savedUsd()));
        line.add(l.savedPercent().toPlainString());
        line.add(l.exactHits());
        line.add(l.semanticHits());
        line.add(l.routedWeak());
        line.add(l.weakShare().toPlainString());
        line.add(l.qualityChange().toPlainString());
        line.add(l.qualityUnknown());
        return line;
    }

    /** A missing feature reads as in {@code bursar report}. */
    static String tag(String value) {
        return value == null || value.isEmpty() ? SpendRow.UNATTRIBUTED : value;
    }
}
