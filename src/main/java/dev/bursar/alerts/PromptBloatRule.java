package dev.bursar.alerts;

import dev.bursar.ledger.PromptVersionUsage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A prompt version whose average input tokens per ledger row exceed its predecessor's by more than {@code percent}.
 * The predecessor is the version of the same feature first seen just before it (hourly roll-ups over the last
 * {@code days}; same-hour ties break by version name). Both versions need {@code minRequests} rows, so a handful of
 * early calls cannot raise it.
 */
record PromptBloatRule(String name, BigDecimal percent, int minRequests, int days) implements AlertRule {

    /** One prompt version's totals. Rows = requests + failed attempts: every ledger row is exactly one of the two. */
    private record Version(String name, Instant firstSeen, long inputTokens, long rows) {
        BigDecimal average() {
            return BigDecimal.valueOf(inputTokens).divide(BigDecimal.valueOf(rows), 2, RoundingMode.HALF_EVEN);
        }
    }

    @Override
    public List<Finding> evaluate(RuleContext ctx) {
        Map<String, List<Version>> byFeature = new TreeMap<>();
        for (PromptVersionUsage u : ctx.ledger().promptVersions(ctx.last(Duration.ofDays(days)))) {
            byFeature.computeIfAbsent(u.feature(), f -> new ArrayList<>())
                    .add(new Version(u.promptVersion(), u.firstHour(), u.inputTokens(), u.rows()));
        }
        List<Finding> findings = new ArrayList<>();
        byFeature.forEach((feature, versions) -> {
            versions.sort(Comparator.comparing(Version::firstSeen).thenComparing(Version::name));
            for (int i = 1; i < versions.size(); i++) {
                Version prev = versions.get(i - 1);
                Version cur = versions.get(i);
                if (prev.rows() >= minRequests && cur.rows() >= minRequests && bloated(prev, cur)) {
                    findings.add(finding(feature.isEmpty() ? "(unattributed)" : feature, prev, cur));
                }
            }
        });
        return findings;
    }

    /** cur/curRows > prev/prevRows * (1 + p/100), cross-multiplied so it is exact. */
    private boolean bloated(Version prev, Version cur) {
        BigDecimal lhs = BigDecimal.valueOf(cur.inputTokens()).multiply(BigDecimal.valueOf(prev.rows()))
                .multiply(BigDecimal.valueOf(100));
        BigDecimal rhs = BigDecimal.valueOf(prev.inputTokens()).multiply(BigDecimal.valueOf(cur.rows()))
                .multiply(percent.add(BigDecimal.valueOf(100)));
        return lhs.compareTo(rhs) > 0;
    }

    private Finding finding(String feature, Version prev, Version cur) {
        BigDecimal growth = Ratios.percentAbove(cur.average(), prev.average());
        var numbers = new LinkedHashMap<String, BigDecimal>();
        numbers.put("avg_input_tokens", cur.average());
        numbers.put("previous_avg_input_tokens", prev.average());
        numbers.put("growth_percent", growth);
        numbers.put("threshold_percent", percent);
        numbers.put("requests", BigDecimal.valueOf(cur.rows()));
        return new Finding(name, "prompt-bloat", Severity.INFO, "prompt_version", feature + " " + cur.name(),
                "after " + prev.name(), "Prompt version " + cur.name() + " of feature " + feature + " averages "
                + cur.average().toPlainString() + " input tokens, " + growth + "% more than " + prev.name() + " ("
                + prev.average().toPlainString() + ")", cur.average(), numbers);
    }
}
