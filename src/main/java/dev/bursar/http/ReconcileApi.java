package dev.bursar.http;

import dev.bursar.ledger.TimeRange;
import dev.bursar.reconcile.StoredReconciliation;
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
 */
final class ReconcileApi {

    private final StoredReconciliation reconciled;
    private final Clock clock;
    private final UnaryOperator<Handler> guard;

    ReconcileApi(StoredReconciliation reconciled, Clock clock, UnaryOperator<Handler> guard) {
        this.reconciled = reconciled;
        this.clock = clock;
        this.guard = guard;
    }

    void register(HttpRouting.Builder r) {
        r.get("/admin/reconcile", guard.apply(this::compare));
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
