package dev.bursar.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.alerts.AlertEngine;
import dev.bursar.alerts.AlertJson;
import dev.bursar.auth.Authenticator;
import dev.bursar.auth.CreatedKey;
import dev.bursar.auth.KeyStore;
import dev.bursar.auth.NewKey;
import dev.bursar.auth.VirtualKey;
import dev.bursar.gateway.ApiError;
import dev.bursar.ledger.Dimension;
import dev.bursar.ledger.ExportFormat;
import dev.bursar.ledger.ExportQuery;
import dev.bursar.ledger.Ledger;
import dev.bursar.ledger.SpendQuery;
import dev.bursar.ledger.SpendRow;
import dev.bursar.ledger.TimeRange;
import dev.bursar.providers.ClientWire;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** The admin JSON API under {@code /admin/}: keys, spend, ledger export. Every call needs the master key. */
final class AdminApi {

    private final byte[] masterKey;
    private final KeyStore keys;
    private final Authenticator auth;
    private final Ledger ledger;
    private final AlertEngine alerts;
    private final RequestBodies bodies;
    private final ObjectMapper json;
    private final Clock clock;

    AdminApi(String masterKey, KeyStore keys, Authenticator auth, Ledger ledger, AlertEngine alerts, RequestBodies bodies,
             ObjectMapper json, Clock clock) {
        this.alerts = alerts;
        this.masterKey = masterKey.getBytes(StandardCharsets.UTF_8);
        this.keys = keys;
        this.auth = auth;
        this.ledger = ledger;
        this.bodies = bodies;
        this.json = json;
        this.clock = clock;
    }

    void register(HttpRouting.Builder r) {
        r.post("/admin/keys", guarded(this::createKey));
        r.get("/admin/keys", guarded(this::listKeys));
        r.delete("/admin/keys/{id}", guarded(this::revokeKey));
        r.get("/admin/spend", guarded(this::spend));
        r.get("/admin/ledger", guarded(this::exportLedger));
        r.get("/admin/alerts", guarded(this::recentAlerts));
    }

    /** Wraps a handler with the master-key check and the admin error format. */
    Handler guarded(Handler h) {
        return (req, res) -> {
            try {
                String presented = WireEndpoints.credential(req);
                if (presented == null || !MessageDigest.isEqual(masterKey, presented.getBytes(StandardCharsets.UTF_8))) {
                    throw new ApiError(401, "authentication_error", "invalid_master_key", null,
                            "The admin API needs the master key as 'Authorization: Bearer <key>' (BURSAR_MASTER_KEY, or the key printed at first start).");
                }
                h.handle(req, res);
            } catch (ApiError e) {
                send(res, e.status(), e.body(ClientWire.OPENAI));
            } catch (IllegalArgumentException e) {
                send(res, 400, ApiError.badRequest("invalid_parameter", null, e.getMessage()).body(ClientWire.OPENAI));
            }
        };
    }

    private void createKey(ServerRequest req, ServerResponse res) {
        ObjectNode b = bodies.readObject(req);
        CreatedKey created = keys.create(new NewKey(text(b, "name"), text(b, "customer"), text(b, "team"),
                text(b, "feature"), first(text(b, "environment"), text(b, "env")), text(b, "user")));
        auth.keysChanged();
        ObjectNode out = keyJson(created.key());
        out.put("key", created.secret());
        out.put("note", "This is the only time the key is shown. Store it now.");
        send(res, 201, bytes(out));
    }

    private void listKeys(ServerRequest req, ServerResponse res) {
        ObjectNode root = json.createObjectNode();
        ArrayNode data = root.putArray("data");
        keys.list().forEach(k -> data.add(keyJson(k)));
        send(res, 200, bytes(root));
    }

    private void revokeKey(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        if (!keys.revoke(id)) {
            throw new ApiError(404, "invalid_request_error", "key_not_found", "id", "No key with id '" + id + "'.");
        }
        auth.keysChanged();
        ObjectNode out = json.createObjectNode();
        out.put("id", id);
        out.put("revoked", true);
        send(res, 200, bytes(out));
    }

    private void spend(ServerRequest req, ServerResponse res) {
        List<Dimension> groupBy = query(req, "group_by") == null ? List.of()
                : Arrays.stream(query(req, "group_by").split(",")).filter(s -> !s.isBlank()).map(Dimension::parse).toList();
        TimeRange range = TimeRange.parse(query(req, "from"), query(req, "to"), clock, "'from'", "'to'");
        Instant from = range.from();
        Instant to = range.to();
        List<SpendRow> rows = ledger.spend(new SpendQuery(groupBy, from, to));
        ObjectNode root = json.createObjectNode();
        root.put("from", from.toString());
        root.put("to", to.toString());
        ArrayNode gb = root.putArray("group_by");
        groupBy.forEach(d -> gb.add(d.wireName()));
        ArrayNode data = root.putArray("rows");
        for (SpendRow row : rows) {
            ObjectNode o = data.addObject();
            for (int i = 0; i < groupBy.size(); i++) {
                o.put(groupBy.get(i).wireName(), row.group().get(i));
            }
            SpendJson.fill(o, row);
        }
        send(res, 200, bytes(root));
    }

    private void exportLedger(ServerRequest req, ServerResponse res) throws Exception {
        TimeRange range = TimeRange.parse(query(req, "from"), query(req, "to"), clock, "'from'", "'to'");
        Instant from = range.from();
        Instant to = range.to();
        String format = query(req, "format") == null ? "jsonl" : query(req, "format").toLowerCase();
        long limit = query(req, "limit") == null ? 0 : Long.parseLong(query(req, "limit"));
        ExportFormat f = switch (format) {
            case "jsonl", "ndjson", "json" -> ExportFormat.JSONL;
            case "csv" -> ExportFormat.CSV;
            default -> throw new IllegalArgumentException("'format' must be jsonl or csv, got '" + format + "'");
        };
        res.header(HeaderNames.CONTENT_TYPE, f == ExportFormat.CSV ? "text/csv; charset=utf-8" : "application/x-ndjson");
        try (OutputStream out = res.outputStream()) {
            ledger.export(new ExportQuery(from, to, limit), f, out);
        }
    }

    private void recentAlerts(ServerRequest req, ServerResponse res) {
        int limit = query(req, "limit") == null ? 100 : Integer.parseInt(query(req, "limit"));
        send(res, 200, AlertJson.list(alerts.recent(limit)).getBytes(StandardCharsets.UTF_8));
    }

    private ObjectNode keyJson(VirtualKey k) {
        ObjectNode o = json.createObjectNode();
        o.put("id", k.id());
        o.put("name", k.name());
        o.put("prefix", k.prefix());
        o.put("customer", k.customer());
        o.put("team", k.team());
        o.put("feature", k.feature());
        o.put("environment", k.environment());
        o.put("user", k.user());
        o.put("created_at", k.createdAt() == null ? null : k.createdAt().toString());
        o.put("revoked_at", k.revokedAt() == null ? null : k.revokedAt().toString());
        return o;
    }

    private static String query(ServerRequest req, String name) {
        return req.query().contains(name) ? req.query().get(name) : null;
    }

    private static String text(JsonNode b, String field) {
        JsonNode n = b.get(field);
        return n == null || n.isNull() || n.asText().isBlank() ? null : n.asText();
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    private static byte[] bytes(JsonNode n) {
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void send(ServerResponse res, int status, byte[] body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(body);
    }
}
