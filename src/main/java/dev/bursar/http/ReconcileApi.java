package dev.bursar.http;

import dev.bursar.ledger.TimeRange;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.reconcile.ScheduledReconciler;
import dev.bursar.reconcile.StoredReconciliation;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.UnaryOperator;

/**
 * {@code GET /admin/reconcile?from=&to=}: the providers' stored numbers against the ledger, the same JSON as
 * {@code bursar reconcile --stored --format json} (each report with the fields of {@code bursar reconcile --format
 * json}, plus the pulls). {@code from}/{@code to} read as everywhere in the admin API (default: this month, UTC).
 * {@code POST /admin/reconcile/pull?day=YYYY-MM-DD} pulls that day again now (a provider corrected its report),
 * replacing its stored lines.
 */
final class ReconcileApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StoredReconciliation reconciled;
    /** Null when no admin key is configured. */
    private final ScheduledReconciler reconciler;
    private final Clock clock;
    private final UnaryOperator<Handler> guard;

    ReconcileApi(StoredReconciliation reconciled, ScheduledReconciler reconciler, Clock clock,
                 UnaryOperator<Handler> guard) {
        this.reconciled = reconciled;
        this.reconciler = reconciler;
        this.clock = clock;
        this.guard = guard;
    }

    void register(HttpRouting.Builder r) {
        r.get("/admin/reconcile", guard.apply(this::compare));
        r.post("/admin/reconcile/pull", guard.apply(this::pull));
    }

    private void pull(ServerRequest req, ServerResponse res) {
        if (reconciler == null) {
            throw new IllegalArgumentException("reconciliation is off: configure reconcile: with an admin key");
        }
        String text = query(req, "day");
        LocalDate day;
        try {
            day = LocalDate.parse(text == null ? "" : text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'day' must be a date, YYYY-MM-DD, got '" + text + "'");
        }
        if (day.isAfter(LocalDate.now(clock.withZone(ZoneOffset.UTC)))) {
            throw new IllegalArgumentException("'day' " + day + " has not begun yet (UTC)");
        }
        ObjectNode root = JSON.createObjectNode();
        ArrayNode pulled = root.putArray("pulled");
        for (ScheduledReconciler.Outcome o : reconciler.pull(day, true)) {
            ObjectNode n = pulled.addObject();
            n.put("day", o.day().toString());
            n.put("provider", o.provider());
            n.put("ok", o.ok());
            n.put("lines", o.lines());
            n.put("error", o.error());
        }
        res.status(200);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(root.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void compare(ServerRequest req, ServerResponse res) {
        TimeRange range = TimeRange.parse(query(req, "from"), query(req, "to"), clock, "'from'", "'to'");
        String body = StoredReconciliation.json(reconciled.compare(range.from(), range.to()));
        res.status(200);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String query(ServerRequest req, String name) {
        return req.query().contains(name) ? req.query().get(name) : null;
    }
}
