package dev.bursar.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

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

    private AlertJson() {
    }

    public static ObjectNode toJson(AlertRecord r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("alert_id", r.id());
        o.put("rule", r.rule());
        o.put("type", r.type());
        o.put("severity", r.severity().label());
        o.put("scope", r.scope());
        o.put("scope_value", r.scopeValue());
        o.put("window", r.window());
        o.put("value", r.value().toPlainString());
        ObjectNode n = o.putObject("numbers");
        r.numbers().forEach((k, v) -> n.put(k, v.toPlainString()));
        o.put("message", r.message());
        o.put("fired_at", r.firedAt().toString());
        if (r.resolvedAt() == null) {
            o.putNull("resolved_at");
        } else {
            o.put("resolved_at", r.resolvedAt().toString());
        }
        return o;
    }

    /** {@code {"alerts": [...]}}, newest first as given: the body of {@code GET /admin/alerts}. */
    public static String list(List<AlertRecord> alerts) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode a = root.putArray("alerts");
        alerts.forEach(r -> a.add(toJson(r)));
        return root.toString();
    }

    /** The {@code json} webhook body. */
    static String webhook(AlertRecord r, String event) {
        ObjectNode o = JSON.createObjectNode();
        o.put("event", event);
        o.setAll(toJson(r));
        return o.toString();
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
