package dev.bursar.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.csv.CsvWriter;
import dev.bursar.promptaudit.AuditRow;
import dev.bursar.promptaudit.PromptAuditReport;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Renders {@code bursar audit prompts}: a table with a TOTAL line and a legend, JSON or CSV; money exact. */
final class PromptAuditFormatter {

    static final List<String> FIELDS = List.of("feature", "prompt_version", "first_seen", "last_seen", "calls",
            "days_active", "system_prompts", "system_tokens", "system_tokens_total", "conversation_tokens",
            "last_user_tokens", "input_tokens", "input_cost_usd", "system_cost_usd", "system_share_of_input_cost_pct",
            "daily_calls", "monthly_system_cost_usd", "unpriced_calls", "previous_version", "system_tokens_change",
            "system_tokens_growth_pct", "monthly_cost_change_usd");

    static final String LEGEND = """
            system_tokens: mean tokens of the system prompt and tools per call (counted locally); prompts: distinct
              system prompts seen under the version (more than 1: it changed without a new version tag)
            growth: system_tokens against the feature's previous version; share: of the calls' input cost
            system_usd: the system prompt's part of the input cost (a cached prefix at the cache prices);
              monthly_usd: system_usd / days active × 30
            """;

    private PromptAuditFormatter() {
    }

    static String format(ReportCommand.Format format, PromptAuditReport report) {
        return switch (format) {
            case table -> table(report);
            case json -> json(report);
            case csv -> csv(report);
        };
    }

    private static List<Object> values(AuditRow r) {
        List<Object> v = new ArrayList<>(List.of(r.feature(), r.promptVersion(), r.firstSeen().toString(),
                r.lastSeen().toString(), r.calls(), r.daysActive(), r.systemPrompts(), r.systemTokens(),
                r.systemTokensTotal(), r.conversationTokens(), r.lastUserTokens(), r.inputTokens(), r.inputCostUsd(),
                r.systemCostUsd(), r.systemShareOfInputPct(), r.dailyCalls(), r.monthlySystemCostUsd(), r.unpricedCalls()));
        v.add(r.growth().map(g -> (Object) g.previousVersion()).orElse(null));
        v.add(r.growth().map(g -> (Object) g.systemTokensChange()).orElse(null));
        v.add(r.growth().map(g -> (Object) g.systemTokensGrowthPct()).orElse(null));
        v.add(r.growth().map(g -> (Object) g.monthlyCostChangeUsd()).orElse(null));
        return v;
    }

    static String json(PromptAuditReport report) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("from", report.from().toString());
        root.put("to", report.to().toString());
        root.put("feature", report.feature().orElse(null));
        var rows = root.putArray("rows");
        for (AuditRow r : report.rows()) {
            ObjectNode o = rows.addObject();
            List<Object> v = values(r);
            for (int i = 0; i < FIELDS.size(); i++) {
                put(o, FIELDS.get(i), v.get(i));
            }
        }
        var t = report.totals();
        ObjectNode totals = root.putObject("totals");
        totals.put("calls", t.calls());
        totals.put("system_tokens_total", t.systemTokens());
        totals.put("input_tokens", t.inputTokens());
        totals.put("input_cost_usd", t.inputCostUsd().toPlainString());
        totals.put("system_cost_usd", t.systemCostUsd().toPlainString());
        totals.put("system_share_of_input_cost_pct", t.systemShareOfInputPct().toPlainString());
        root.put("legend", LEGEND.strip());
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Money, percentages and means as exact decimal strings; counts as numbers. */
    private static void put(ObjectNode o, String name, Object value) {
        switch (value) {
            case null -> o.putNull(name);
            case BigDecimal d -> o.put(name, d.toPlainString());
            case Long l -> o.put(name, l);
            case Integer n -> o.put(name, n);
            default -> o.put(name, value.toString());
        }
    }

    static String csv(PromptAuditReport report) {
        StringBuilder sb = new StringBuilder();
        CsvWriter csv = new CsvWriter(sb);
        csv.row(FIELDS);
        report.rows().forEach(r -> csv.row(values(r).stream().map(v -> v == null ? "" : v).toList()));
        return sb.toString();
    }

    static String table(PromptAuditReport report) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(List.of("feature", "version", "calls", "days", "prompts", "system_tokens", "growth", "share",
                "system_usd", "monthly_usd", "input_usd"));
        for (AuditRow r : report.rows()) {
            lines.add(List.of(r.feature().isEmpty() ? "(none)" : r.feature(), r.promptVersion().isEmpty() ? "(none)" : r.promptVersion(),
                    Long.toString(r.calls()), Long.toString(r.daysActive()), Integer.toString(r.systemPrompts()),
                    r.systemTokens().toPlainString(),
                    r.growth().map(g -> (g.systemTokensGrowthPct().signum() > 0 ? "+" : "") + g.systemTokensGrowthPct().toPlainString() + "%").orElse("-"),
                    r.systemShareOfInputPct().toPlainString() + "%", ReportTable.exactUsd(r.systemCostUsd()),
                    ReportTable.exactUsd(r.monthlySystemCostUsd()), ReportTable.exactUsd(r.inputCostUsd())));
        }
        var t = report.totals();
        lines.add(List.of("TOTAL", "", Long.toString(t.calls()), "", "", "", "", t.systemShareOfInputPct().toPlainString() + "%",
                ReportTable.exactUsd(t.systemCostUsd()), "", ReportTable.exactUsd(t.inputCostUsd())));
        for (int column : new int[] {8, 9, 10}) {
            List<String> cells = lines.subList(1, lines.size()).stream().map(l -> l.get(column)).toList();
            List<String> aligned = DecimalColumn.align(cells);
            for (int i = 1; i < lines.size(); i++) {
                List<String> l = new ArrayList<>(lines.get(i));
                l.set(column, aligned.get(i - 1));
                lines.set(i, l);
            }
        }
        return align(lines) + LEGEND;
    }

    private static String align(List<List<String>> lines) {
        int[] width = new int[lines.getFirst().size()];
        lines.forEach(l -> {
            for (int i = 0; i < l.size(); i++) {
                width[i] = Math.max(width[i], l.get(i).length());
            }
        });
        StringBuilder sb = new StringBuilder();
        for (int n = 0; n < lines.size(); n++) {
            if (n == lines.size() - 1) {
                sb.append("-".repeat(Arrays.stream(width).sum() + 2 * (width.length - 1))).append('\n');
            }
            StringBuilder line = new StringBuilder();
            List<String> l = lines.get(n);
            for (int i = 0; i < l.size(); i++) {
                String pad = " ".repeat(width[i] - l.get(i).length());
                line.append(i == 0 ? "" : "  ").append(i < 2 ? l.get(i) + pad : pad + l.get(i));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
