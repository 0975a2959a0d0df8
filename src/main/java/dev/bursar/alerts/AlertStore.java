package dev.bursar.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.ledger.EventIds;
import dev.bursar.storage.Database;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code alerts} and {@code alert_deliveries} tables. Claiming and resolving are single conditional statements,
 * so when several replicas evaluate the same rules exactly one of them wins each transition and delivers it.
 */
final class AlertStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, rule, type, severity, scope, scope_value, window_key, message,"
            + " value_text, numbers, fired_micros, resolved_micros";

    private final Database db;

    AlertStore(Database db) {
        this.db = db;
    }

    /** Opens an alert for {@code f} unless one is already open; the new record when this call opened it. */
    Optional<AlertRecord> claim(Finding f, Instant now, Instant expires) {
        AlertRecord r = new AlertRecord(EventIds.next(), f.rule(), f.type(), f.severity(), f.scope(), f.scopeValue(),
                f.window(), f.message(), f.value(), f.numbers(), now, null);
        int inserted = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE alerts SET open_key = NULL, resolved_micros = ?"
                    + " WHERE open_key = ? AND expires_micros <= ?")) {
                ps.setLong(1, RuleContext.micros(now));
                ps.setString(2, f.openKey());
                ps.setLong(3, RuleContext.micros(now));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO alerts (" + COLUMNS
                    + ", open_key, expires_micros) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                int i = 1;
                for (String s : new String[] {r.id(), r.rule(), r.type(), r.severity().label(), r.scope(),
                        r.scopeValue(), r.window(), r.message(), r.value().toPlainString(), numbersJson(r.numbers())}) {
                    ps.setString(i++, s);
                }
                ps.setLong(i++, RuleContext.micros(now));
                ps.setNull(i++, Types.BIGINT);
                ps.setString(i++, f.openKey());
                if (expires == null) {
                    ps.setNull(i, Types.BIGINT);
                } else {
                    ps.setLong(i, RuleContext.micros(expires));
                }
                return ps.executeUpdate();
            }
        });
        return inserted == 1 ? Optional.of(r) : Optional.empty();
    }

    List<AlertRecord> open(String rule) {
        return query("SELECT " + COLUMNS + " FROM alerts WHERE rule = ? AND open_key IS NOT NULL ORDER BY fired_micros",
                ps -> ps.setString(1, rule));
    }

    /** Marks the alert resolved; the resolved record if this call resolved it (another replica may have first). */
    Optional<AlertRecord> resolve(String id, Instant now) {
        int changed = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE alerts SET open_key = NULL, resolved_micros = ? WHERE id = ? AND open_key IS NOT NULL")) {
                ps.setLong(1, RuleContext.micros(now));
                ps.setString(2, id);
                return ps.executeUpdate();
            }
        });
        return changed == 1 ? find(id) : Optional.empty();
    }

    /** Resolves, silently, open alerts whose window has ended (budget events), so their key can fire again. */
    int resolveExpired(Instant now) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE alerts SET open_key = NULL, resolved_micros = ?"
                    + " WHERE open_key IS NOT NULL AND expires_micros <= ?")) {
                ps.setLong(1, RuleContext.micros(now));
                ps.setLong(2, RuleContext.micros(now));
                return ps.executeUpdate();
            }
        });
    }

    Optional<AlertRecord> find(String id) {
        return query("SELECT " + COLUMNS + " FROM alerts WHERE id = ?", ps -> ps.setString(1, id)).stream().findFirst();
    }

    List<AlertRecord> recent(int limit) {
        return query("SELECT " + COLUMNS + " FROM alerts ORDER BY fired_micros DESC, id DESC LIMIT ?",
                ps -> ps.setInt(1, Math.max(0, limit)));
    }

    void recordAttempt(DeliveryAttempt a) {
        db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_deliveries (alert_id, event, webhook,"
                    + " attempt, at_micros, http_status, error, delivered) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, a.alertId());
                ps.setString(2, a.event());
                ps.setString(3, a.webhook());
                ps.setInt(4, a.attempt());
                ps.setLong(5, RuleContext.micros(a.at()));
                ps.setInt(6, a.httpStatus());
                ps.setString(7, a.error());
                ps.setBoolean(8, a.delivered());
                return ps.executeUpdate();
            }
        });
    }

    List<DeliveryAttempt> deliveries(String alertId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT alert_id, event, webhook, attempt, at_micros,"
                    + " http_status, error, delivered FROM alert_deliveries WHERE alert_id = ? ORDER BY at_micros, attempt")) {
                ps.setString(1, alertId);
                List<DeliveryAttempt> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new DeliveryAttempt(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                                RuleContext.instant(rs.getLong(5)), rs.getInt(6), rs.getString(7), rs.getBoolean(8)));
                    }
                }
                return out;
            }
        });
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<AlertRecord> query(String sql, Binder binder) {
        return db.read(c -> read(c, sql, binder));
    }

    private static List<AlertRecord> read(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<AlertRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long resolved = rs.getLong("resolved_micros");
                    Instant resolvedAt = rs.wasNull() ? null : RuleContext.instant(resolved);
                    out.add(new AlertRecord(rs.getString("id"), rs.getString("rule"), rs.getString("type"),
                            Severity.of(rs.getString("severity")), rs.getString("scope"), rs.getString("scope_value"),
                            rs.getString("window_key"), rs.getString("message"), new BigDecimal(rs.getString("value_text")),
                            numbers(rs.getString("numbers")), RuleContext.instant(rs.getLong("fired_micros")), resolvedAt));
                }
            }
            return out;
        }
    }

    private static String numbersJson(Map<String, BigDecimal> numbers) {
        ObjectNode o = JSON.createObjectNode();
        numbers.forEach((k, v) -> o.put(k, v.toPlainString()));
        return o.toString();
    }

    private static LinkedHashMap<String, BigDecimal> numbers(String json) {
        LinkedHashMap<String, BigDecimal> out = new LinkedHashMap<>();
        try {
            JsonNode node = JSON.readTree(json);
            node.properties().forEach(e -> out.put(e.getKey(), new BigDecimal(e.getValue().asText())));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("alerts.numbers holds invalid JSON: " + json, e);
        }
        return out;
    }
}
