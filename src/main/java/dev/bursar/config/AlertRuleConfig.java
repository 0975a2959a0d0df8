package dev.bursar.config;

import java.math.BigDecimal;
import java.util.Set;

/**
 * One alert rule; which fields apply depends on {@code type}:
 * <ul>
 *   <li>{@code spend-spike}: spend in the last hour above the trailing same-hour average (over {@code days}, default 7)
 *       by more than {@code percent}; ignored below {@code min-usd}</li>
 *   <li>{@code spend-above}: a {@code scope} value ({@code match}, "*" for each) above {@code usd} per {@code window}</li>
 *   <li>{@code failure-rate}: failed attempts above {@code percent} of attempts in the last {@code minutes}, with at
 *       least {@code min-requests}; reports the wasted spend</li>
 *   <li>{@code runaway-loop}: one key sending near-identical requests more than {@code count} times in
 *       {@code minutes}</li>
 *   <li>{@code prompt-bloat}: a prompt version whose average input tokens exceed the previous version's by more than
 *       {@code percent}, after {@code min-requests}</li>
 *   <li>{@code margin-below}: a customer's or plan's ({@code scope}; {@code match}, "*" for each) gross margin this
 *       month below {@code percent}</li>
 *   <li>{@code reconcile-drift}: a provider's own cost report for a pulled day (see {@code reconcile:}) differs
 *       from the ledger by more than {@code percent} of the provider's amount and more than {@code min-usd}, on a
 *       day in the last {@code days}</li>
 * </ul>
 * Budget thresholds ({@code alert-at} on budgets) need no rule.
 */
public record AlertRuleConfig(
        String name,
        String type,
        BigDecimal percent,
        BigDecimal usd,
        BigDecimal minUsd,
        Integer count,
        Integer minutes,
        Integer days,
        Integer minRequests,
        String scope,
        String match,
        String window) {

    public static final Set<String> TYPES = Set.of("spend-spike", "spend-above", "failure-rate", "runaway-loop", "prompt-bloat",
            "margin-below", "reconcile-drift");

    public AlertRuleConfig {
        if (type == null || !TYPES.contains(type)) {
            throw new IllegalArgumentException("type must be one of " + TYPES.stream().sorted().toList() + ", got " + type);
        }
        name = name == null || name.isBlank() ? type : name;
    }
}
