package dev.bursar.alerts;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alerts as JSON. The webhook body (format {@code json}) and the admin API use the same object:
 * <pre>{@code
 * {"event": "fired" | "resolved", "alert_id": "0195...", "rule": "acme-daily", "type": "spend-above",
 *  "severity": "info" | "warning" | "critical", "scope": "customer", "scope_value": "acme",
 *  "window": "day 2026-03-10", "value": "62.5", "numbers": {"spend_usd": "62.5", "threshold_usd": "50"},
 *  "message": "...", "fired_at": "2026-03-10T12:30:00Z", "resolved_at": null}
 * }</pre>
 * Numbers are exact decimal strings. {@code event} is absent in the admin list, which shows state via
 * {@code resolved_at}.
 */
public final class AlertJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper RECORDS = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private AlertJson() {
    }

    /** One alert as the admin API and webhooks show it; numbers as exact decimal strings, in their order. */
    record Alert(String alertId, String rule, String type, String severity, String scope, String scopeValue, String window,
                 String value, Map<String, String> numbers, String message, String firedAt, String resolvedAt) {

        static Alert of(AlertRecord r) {
            Map<String, String> numbers = new LinkedHashMap<>();
            r.numbers().forEach((k, v) -> numbers.put(k, v.toPlainString()));
            return new Alert(r.id(), r.rule(), r.type(), r.severity().label(), r.scope(), r.scopeValue(), r.window(),
                    r.value().toPlainString(), numbers, r.message(), r.firedAt().toString(),
                    r.resolvedAt() == null ? null : r.resolvedAt().toString());
        }
    }

    record Listed(List<Alert> alerts) {
    }

    record Webhook(String event, @JsonUnwrapped Alert alert) {
    }

    public static ObjectNode toJson(AlertRecord r) {
        return RECORDS.valueToTree(Alert.of(r));
    }

    /** {@code {"alerts": [...]}}, newest first as given: the body of {@code GET /admin/alerts}. */
    public static String list(List<AlertRecord> alerts) {
        return write(new Listed(alerts.stream().map(Alert::of).toList()));
    }

    /** The {@code json} webhook body. */
    static String webhook(AlertRecord r, String event) {
        return write(new Webhook(event, Alert.of(r)));
    }

    private static String write(Object value) {
        try {
            return RECORDS.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alert JSON cannot be written", e);
        }
    }

    /** A Slack incoming-webhook body: {@code text} as the fallback, blocks for the layout. */
    static String slack(AlertRecord r, String event) {
        boolean resolved = event.equals("resolved");
        String title = (resolved ? "Resolved: " : "[" + r.severity().label().toUpperCase() + "] ") + r.rule()
                + " (" + r.type() + ")";
        StringBuilder facts = new StringBuilder();
        facts.append("*").append(r.scope()).append(":* ").append(r.scopeValue()).append("   *window:* ").append(r.window());
        r.numbers().forEach((k, v) -> facts.append("\n• ").append(k).append(": ").append(v.toPlainString()));
        ObjectNode root = JSON.createObjectNode();
        root.put("text", title + ": " + r.message());
        ArrayNode blocks = root.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", truncate(title, 150));
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", r.message());
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", facts.toString());
        ObjectNode context = blocks.addObject().put("type", "context");
        context.putArray("elements").addObject().put("type", "mrkdwn")
                .put("text", "alert " + r.id() + " fired " + r.firedAt() + (resolved ? ", resolved " + r.resolvedAt() : ""));
        return root.toString();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
