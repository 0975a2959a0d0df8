package dev.bursar.config;

import java.time.Duration;
import java.util.List;

/** Alert delivery and rules; {@code evaluate-every} is how often rules run over the ledger (default 30 s). */
public record AlertsConfig(List<WebhookConfig> webhooks, List<AlertRuleConfig> rules, Duration evaluateEvery) {

    public AlertsConfig {
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
        rules = rules == null ? List.of() : List.copyOf(rules);
        evaluateEvery = evaluateEvery == null ? Duration.ofSeconds(30) : evaluateEvery;
    }

    public static AlertsConfig defaults() {
        return new AlertsConfig(null, null, null);
    }
}
