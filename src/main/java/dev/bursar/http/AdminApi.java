package dev.bursar.http;

import dev.bursar.alerts.AlertEngine;
import dev.bursar.alerts.AlertJson;
import dev.bursar.auth.Authenticator;
import dev.bursar.auth.CreatedKey;
import dev.bursar.auth.KeyStore;
import dev.bursar.auth.NewKey;
import dev.bursar.ledger.Dimension;
import dev.bursar.ledger.ExportFormat;
import dev.bursar.ledger.ExportQuery;
import dev.bursar.ledger.Ledger;
import dev.bursar.ledger.SpendQuery;
import dev.bursar.ledger.SpendRow;
import dev.bursar.ledger.TimeRange;
import dev.bursar.wire.ApiError;
import dev.bursar.wire.BadRequest;
import dev.bursar.wire.ClientWire;
import dev.bursar.ui.Sessions;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
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

/**
 * The admin JSON API under {@code /admin/}: keys, spend, ledger export. Every call needs the master key, or for reads
 * only, a dashboard session cookie (dev.bursar.ui.Sessions).
 */
final class AdminApi {

    private final byte[] masterKey;
    private final KeyStore keys;
    private final Authenticator auth;
    private final Ledger ledger;
    private final AlertEngine alerts;
    private final RequestBodies bodies;
    private final Clock clock;
    /** The books whose cost items follow the calls in a FOCUS export; null when the gateway has none. */
    private final dev.bursar.books.Books books;
    private final Sessions sessions;

    AdminApi(String masterKey, KeyStore keys, Authenticator auth, Ledger ledger, AlertEngine alerts, RequestBodies bodies,
             Clock clock, dev.bursar.books.Books books, Sessions sessions) {
        this.books = books;
        this.sessions = sessions;
        this.alerts = alerts;
        this.masterKey = masterKey.getBytes(StandardCharsets.UTF_8);
        this.keys = keys;
        this.auth = auth;
        this.ledger = ledger;
        this.bodies = bodies;
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
                if (presented == null && DashboardRoutes.hasSession(req, sessions)) {
                    readOnlySession(req);
                } else if (presented == null || !MessageDigest.isEqual(masterKey, presented.getBytes(StandardCharsets.UTF_8))) {
                    throw new ApiError(401, "authentication_error", "invalid_master_key", null,
                            "The admin API needs the master key as 'Authorization: Bearer <key>' (BURSAR_MASTER_KEY, or the key printed at first start).");
                }
                h.handle(req, res);
            } catch (ApiError e) {
                send(res, e.status(), e.body(ClientWire.OPENAI));
            } catch (BadRequest e) {
                send(res, e.status(), ApiError.of(e).body(ClientWire.OPENAI));
            } catch (IllegalArgumentException e) {
                send(res, 400, ApiError.badRequest("invalid_parameter", null, e.getMessage()).body(ClientWire.OPENAI));
            }
        };
    }

    /**
     * A dashboard session (cookie) may only read: the cookie rides along on any same-site request, the key does not,
     * so changes keep needing the key itself.
     */
    private static void readOnlySession(ServerRequest req) {
        Method m = req.prologue().method();
        if (m != Method.GET && m != Method.HEAD) {
            throw new ApiError(403, "permission_error", "read_only_session", null,
                    "A dashboard session can only read; send the master key as 'Authorization: Bearer <key>' to change anything.");
        }
    }

    private void createKey(ServerRequest req, ServerResponse res) {
        NewKey spec = AdminJson.read(bodies.readObject(req), KeyRequest.class).toNewKey();
        CreatedKey created = keys.create(spec);
        auth.keysChanged();
        send(res, 201, AdminJson.bytes(KeyJson.Created.of(created)));
    }

    private void listKeys(ServerRequest req, ServerResponse res) {
        send(res, 200, AdminJson.bytes(new KeyJson.Listed(keys.list().stream().map(KeyJson.Key::of).toList())));
    }

    private void revokeKey(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        if (!keys.revoke(id)) {
            throw new ApiError(404, "invalid_request_error", "key_not_found", "id", "No key with id '" + id + "'.");
        }
        auth.keysChanged();
        send(res, 200, AdminJson.bytes(new KeyJson.Revoked(id, true)));
    }

    private void spend(ServerRequest req, ServerResponse res) {
        List<Dimension> groupBy = query(req, "group_by") == null ? List.of()
                : Arrays.stream(query(req, "group_by").split(",")).filter(s -> !s.isBlank()).map(Dimension::parse).toList();
        TimeRange range = TimeRange.parse(query(req, "from"), query(req, "to"), clock, "'from'", "'to'");
        List<SpendRow> rows = ledger.spend(new SpendQuery(groupBy, range.from(), range.to()));
        send(res, 200, AdminJson.bytes(SpendJson.Report.of(range.from(), range.to(), groupBy, rows)));
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
            case "focus" -> ExportFormat.FOCUS;
            default -> throw new IllegalArgumentException("'format' must be jsonl, csv or focus, got '" + format + "'");
        };
        res.header(HeaderNames.CONTENT_TYPE, f == ExportFormat.JSONL ? "application/x-ndjson" : "text/csv; charset=utf-8");
        try (OutputStream out = res.outputStream()) {
            ledger.export(new ExportQuery(from, to, limit), f, out);
            if (f == ExportFormat.FOCUS && books != null && limit == 0) {
                // as bursar export: FOCUS is the whole bill, the books' cost items after the calls
                dev.bursar.books.FocusCostItems.write(books.costCharges(from, to), out);
            }
        }
    }

    private void recentAlerts(ServerRequest req, ServerResponse res) {
        int limit = query(req, "limit") == null ? 100 : Integer.parseInt(query(req, "limit"));
        send(res, 200, AlertJson.list(alerts.recent(limit)).getBytes(StandardCharsets.UTF_8));
    }

    private static String query(ServerRequest req, String name) {
        return req.query().contains(name) ? req.query().get(name) : null;
    }

    private static void send(ServerResponse res, int status, byte[] body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(body);
    }
}
