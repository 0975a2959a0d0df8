package dev.bursar.http;

import dev.bursar.cache.CacheReport;
import dev.bursar.cache.ResponseCache;
import dev.bursar.ledger.Dimension;
import dev.bursar.ledger.Ledger;
import dev.bursar.ledger.SpendQuery;
import dev.bursar.ledger.TimeRange;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@code GET /admin/cache}: the cache's settings and size, and hit rates and savings per model and feature from the
 * ledger ({@code from}/{@code to} as for {@code /admin/spend}); {@code DELETE /admin/cache[?customer=X]}: clears the
 * entries of one customer, or all.
 */
final class CacheApi {

    private static final List<Dimension> BY = List.of(Dimension.MODEL, Dimension.FEATURE, Dimension.CACHE);

    private final ResponseCache cache;
    private final Ledger ledger;
    private final Clock clock;
    private final UnaryOperator<Handler> guard;

    CacheApi(ResponseCache cache, Ledger ledger, Clock clock, UnaryOperator<Handler> guard) {
        this.cache = cache;
        this.ledger = ledger;
        this.clock = clock;
        this.guard = guard;
    }

    void register(HttpRouting.Builder r) {
        r.get("/admin/cache", guard.apply(this::stats));
        r.delete("/admin/cache", guard.apply(this::purge));
    }

    private void stats(ServerRequest req, ServerResponse res) {
        TimeRange range = TimeRange.parse(query(req, "from"), query(req, "to"), clock, "'from'", "'to'");
        CacheReport report = CacheReport.of(ledger.spend(new SpendQuery(BY, range.from(), range.to())));
        send(res, CacheJson.Stats.of(cache, range, report));
    }

    private void purge(ServerRequest req, ServerResponse res) {
        String customer = query(req, "customer");
        long removed = cache.purge(customer == null || customer.isBlank() ? null : customer);
        send(res, new CacheJson.Purged(customer == null || customer.isBlank() ? "*" : customer, removed));
    }

    private static String query(ServerRequest req, String name) {
        return req.query().contains(name) ? req.query().get(name) : null;
    }

    private static void send(ServerResponse res, Object body) {
        res.status(200);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(AdminJson.bytes(body));
    }
}
