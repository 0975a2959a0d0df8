package dev.bursar.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.ledger.AttemptStatus;
import dev.bursar.ledger.LatestQuery;
import dev.bursar.ledger.Ledger;
import dev.bursar.ledger.RowFields;
import dev.bursar.ledger.UsageEvent;
import dev.bursar.pricing.Money;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * {@code GET /admin/requests}: the newest ledger rows, newest first, each with its token classes and exact cost (the
 * fields of {@code /admin/ledger}). Filters: {@code customer}, {@code feature}, {@code model} (served), {@code status};
 * {@code before} (an instant) pages back, {@code limit} 1..500 (default 100).
 */
final class RequestsApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Ledger ledger;
    private final Clock clock;
    private final UnaryOperator<Handler> guard;

    RequestsApi(Ledger ledger, Clock clock, UnaryOperator<Handler> guard) {
        this.ledger = ledger;
        this.clock = clock;
        this.guard = guard;
    }

    void register(HttpRouting.Builder r) {
        r.get("/admin/requests", guard.apply(this::latest));
    }

    private void latest(ServerRequest req, ServerResponse res) {
        LatestQuery q = new LatestQuery(text(req, "customer"), text(req, "feature"), text(req, "model"),
                text(req, "status").map(RequestsApi::status), before(req), limit(req));
        List<UsageEvent> rows = ledger.latest(q);
        ObjectNode root = JSON.createObjectNode();
        root.put("before", q.before().toString());
        root.put("limit", q.limit());
        ArrayNode out = root.putArray("rows");
        for (UsageEvent e : rows) {
            ObjectNode row = out.addObject();
            for (Map.Entry<String, Object> f : RowFields.of(e).entrySet()) {
                switch (f.getValue()) {
                    case null -> row.putNull(f.getKey());
                    case BigDecimal d -> row.put(f.getKey(), Money.plain(d));
                    case Long n -> row.put(f.getKey(), n);
                    case Integer n -> row.put(f.getKey(), n);
                    case Boolean b -> row.put(f.getKey(), b);
                    default -> row.put(f.getKey(), f.getValue().toString());
                }
            }
        }
        res.status(200);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(root.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> text(ServerRequest req, String name) {
        return req.query().contains(name) ? Optional.of(req.query().get(name)).filter(v -> !v.isBlank()) : Optional.empty();
    }

    private static AttemptStatus status(String label) {
        try {
            return AttemptStatus.ofLabel(label);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'status' must be one of " + Arrays.stream(AttemptStatus.values())
                    .map(AttemptStatus::label).collect(Collectors.joining(", ")) + ", got '" + label + "'");
        }
    }

    private Instant before(ServerRequest req) {
        Optional<String> v = text(req, "before");
        if (v.isEmpty()) {
            return clock.instant().plusSeconds(1); // rows stamped this very second are included
        }
        try {
            return Instant.parse(v.get());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'before' must be an ISO-8601 instant such as 2026-12-03T10:00:00Z, got '"
                    + v.get() + "'");
        }
    }

    private static int limit(ServerRequest req) {
        Optional<String> v = text(req, "limit");
        try {
            return v.map(Integer::parseInt).orElse(100);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'limit' must be a whole number, got '" + v.get() + "'");
        }
    }
}
