package dev.bursar.promptaudit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What {@code bursar audit prompts} prints: one row per feature and prompt version, and the totals. */
public record PromptAuditReport(Instant from, Instant to, Optional<String> feature, List<AuditRow> rows, Totals totals) {

    public PromptAuditReport {
        rows = List.copyOf(rows);
    }

    public record Totals(long calls, long systemTokens, long inputTokens, BigDecimal inputCostUsd,
                         BigDecimal systemCostUsd, BigDecimal systemShareOfInputPct) {
    }
}
