package dev.bursar.tiers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.pricing.Money;
import java.util.Map;

/**
 * {@code bursar tiers eval --format json}. Money is exact decimal text, as everywhere in Bursar; quality, gap and
 * shares are JSON numbers with 4 decimals; a figure that does not exist (no scored call) is {@code null}.
 */
public final class TierReportJson {

    private TierReportJson() {
    }

    public static String render(TierReport report) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("golden", report.golden());
        root.put("prompts", report.prompts());
        root.put("judge", report.judge());
        if (report.judge() != null) {
            root.put("pass_grade", report.passGrade());
        }
        root.put("best", report.best().orElse(null));
        root.put("eval_cost_usd", Money.plain(TierReportCsv.evalCost(report)));
        var candidates = root.putArray("candidates");
        for (CandidateReport c : report.candidates()) {
            ObjectNode o = candidates.addObject();
            o.put("model", c.model());
            o.put("calls", c.calls());
            o.put("answered", c.answered());
            o.put("scored", c.scored());
            o.put("errors", c.errors());
            o.put("quality", c.quality().orElse(null));
            o.put("gap", c.gap().orElse(null));
            o.put("failures", c.failures());
            o.put("cost_usd", Money.plain(c.costUsd()));
            o.put("cost_per_1k_usd", c.costPer1kUsd().map(Money::plain).orElse(null));
            o.put("judge_cost_usd", Money.plain(c.judgeCostUsd()));
            groups(o.putObject("failures_by_category"), c.byCategory());
            groups(o.putObject("failures_by_tag"), c.byTag());
            var failed = o.putArray("failed_prompts");
            c.failed().forEach(failed::add);
            var errors = o.putArray("error_prompts");
            c.errorList().forEach(e -> errors.addObject().put("id", e.id()).put("error", e.error()));
        }
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void groups(ObjectNode into, Map<String, CandidateReport.Group> groups) {
        groups.forEach((name, g) -> {
            ObjectNode o = into.putObject(name);
            o.put("failures", g.failures());
            o.put("prompts", g.prompts());
            o.put("share", g.share());
        });
    }
}
