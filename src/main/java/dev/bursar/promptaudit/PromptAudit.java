package dev.bursar.promptaudit;

import dev.bursar.ledger.PromptPartsCall;
import dev.bursar.ledger.PromptPartsReader;
import dev.bursar.ledger.TimeRange;
import dev.bursar.pricing.PriceCatalog;
import dev.bursar.pricing.PriceVersion;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code bursar audit prompts}: per feature and prompt version, how many tokens the system prompt (with tools) adds
 * to every call, its share of the input cost, what it costs a month and how it grew from one version to the next;
 * from the prompt parts the gateway records on each ledger row. One pass over the rows; each call is priced at the
 * catalog price in force when it was made.
 */
public final class PromptAudit {

    static final BigDecimal DAYS_PER_MONTH = BigDecimal.valueOf(30);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final PriceCatalog catalog;

    public PromptAudit(PriceCatalog catalog) {
        this.catalog = catalog;
    }

    public PromptAuditReport audit(PromptPartsReader ledger, TimeRange range, Optional<String> feature) {
        Map<List<String>, VersionTally> tallies = new LinkedHashMap<>();
        ledger.forEachCall(range, feature, call -> tallies
                .computeIfAbsent(List.of(call.feature(), call.promptVersion()), k -> new VersionTally(k.get(0), k.get(1)))
                .add(call, cost(call)));
        List<VersionTally> ordered = tallies.values().stream()
                .sorted(Comparator.comparing((VersionTally t) -> t.feature).thenComparing(t -> t.first)
                        .thenComparing(t -> t.promptVersion))
                .toList();
        List<AuditRow> rows = new ArrayList<>();
        AuditRow previous = null;
        for (VersionTally t : ordered) {
            AuditRow row = row(t, previous != null && previous.feature().equals(t.feature) ? previous : null);
            rows.add(row);
            previous = row;
        }
        return new PromptAuditReport(range.from(), range.to(), feature, rows, totals(rows));
    }

    private InputCost cost(PromptPartsCall call) {
        Optional<PriceVersion> version = catalog.versionAt(call.model(), call.time());
        return version.map(v -> InputCost.of(call, v.pricesFor(call.usage().inputTokens()))).orElse(null);
    }

    private static AuditRow row(VersionTally t, AuditRow previous) {
        BigDecimal days = BigDecimal.valueOf(t.days.size());
        BigDecimal meanSystem = BigDecimal.valueOf(t.systemTokens).divide(BigDecimal.valueOf(t.calls), 1, RoundingMode.HALF_UP);
        BigDecimal monthly = strip(t.systemUsd.multiply(DAYS_PER_MONTH).divide(days, 12, RoundingMode.HALF_EVEN));
        Optional<AuditRow.Growth> growth = Optional.ofNullable(previous).map(p -> new AuditRow.Growth(p.promptVersion(),
                meanSystem.subtract(p.systemTokens()),
                p.systemTokens().signum() == 0 ? BigDecimal.ZERO
                        : meanSystem.subtract(p.systemTokens()).multiply(HUNDRED).divide(p.systemTokens(), 2, RoundingMode.HALF_UP),
                strip(monthly.subtract(p.monthlySystemCostUsd()))));
        return new AuditRow(t.feature, t.promptVersion, t.first, t.last, t.calls, t.days.size(), t.systemPrompts.size(),
                meanSystem, t.systemTokens, t.conversationTokens, t.lastUserTokens, t.inputTokens, strip(t.inputUsd),
                strip(t.systemUsd), percent(t.systemUsd, t.inputUsd),
                BigDecimal.valueOf(t.calls).divide(days, 2, RoundingMode.HALF_UP), monthly, t.unpriced, growth);
    }

    private static PromptAuditReport.Totals totals(List<AuditRow> rows) {
        long calls = 0, system = 0, input = 0;
        BigDecimal inputUsd = BigDecimal.ZERO, systemUsd = BigDecimal.ZERO;
        for (AuditRow r : rows) {
            calls += r.calls();
            system += r.systemTokensTotal();
            input += r.inputTokens();
            inputUsd = inputUsd.add(r.inputCostUsd());
            systemUsd = systemUsd.add(r.systemCostUsd());
        }
        return new PromptAuditReport.Totals(calls, system, input, strip(inputUsd), strip(systemUsd), percent(systemUsd, inputUsd));
    }

    static BigDecimal percent(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? BigDecimal.ZERO : part.multiply(HUNDRED).divide(whole, 2, RoundingMode.HALF_UP);
    }

    static BigDecimal strip(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
