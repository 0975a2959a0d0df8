package dev.bursar.http;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.books.Books;
import dev.bursar.books.BooksConflict;
import dev.bursar.books.MarginGroup;
import dev.bursar.books.MarginJson;
import dev.bursar.books.ReportRange;
import dev.bursar.config.ConfigException;
import dev.bursar.config.ConfigLoader;
import dev.bursar.config.CostConfig;
import dev.bursar.config.CustomerConfig;
import dev.bursar.config.PlanConfig;
import dev.bursar.ledger.TimeRange;
import dev.bursar.wire.ApiError;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The books: {@code GET /admin/margin} (the same JSON as {@code bursar margin --format json}; {@code month} or
 * {@code from}/{@code to}, {@code group_by}, {@code target}), and cost items, plans and customers:
 * {@code GET|POST /admin/costs}, {@code DELETE /admin/costs/{name}}, likewise {@code /admin/plans} and
 * {@code /admin/customers}. Bodies take the YAML keys (dashed or snake_case); items of bursar.yaml are read-only (409).
 */
final class BooksApi {

    private static final ObjectMapper JSON = json();

    private final Books books;
    private final RequestBodies bodies;
    private final Clock clock;
    private final UnaryOperator<Handler> guard;

    BooksApi(Books books, RequestBodies bodies, Clock clock, UnaryOperator<Handler> guard) {
        this.books = books;
        this.bodies = bodies;
        this.clock = clock;
        this.guard = guard;
    }

    void register(HttpRouting.Builder r) {
        r.get("/admin/margin", guarded(this::margin));
        r.get("/admin/costs", guarded((req, res) -> send(res, 200, list("costs", books.costs().stream()
                .map(c -> withSource(c.toConfig(), c.fromFile())).toList()))));
        r.post("/admin/costs", guarded((req, res) -> send(res, 201,
                item(books.putCost(bind(req, CostConfig.class)).toConfig()))));
        r.delete("/admin/costs/{name}", guarded((req, res) -> removed(res, "cost", param(req, "name"),
                books.removeCost(param(req, "name")))));
        r.get("/admin/plans", guarded((req, res) -> send(res, 200, list("plans", books.plans().stream()
                .map(p -> withSource(p.toConfig(), p.fromFile())).toList()))));
        r.post("/admin/plans", guarded((req, res) -> send(res, 201,
                item(books.putPlan(bind(req, PlanConfig.class)).toConfig()))));
        r.delete("/admin/plans/{name}", guarded((req, res) -> removed(res, "plan", param(req, "name"),
                books.removePlan(param(req, "name")))));
        r.get("/admin/customers", guarded((req, res) -> send(res, 200, list("customers", books.customers().stream()
                .map(c -> withSource(c.toConfig(), c.fromFile())).toList()))));
        r.post("/admin/customers", guarded((req, res) -> send(res, 201, item(books.putCustomers(
                List.of(bind(req, CustomerConfig.class))).getFirst().toConfig()))));
        r.delete("/admin/customers/{id}", guarded((req, res) -> removed(res, "customer", param(req, "id"),
                books.removeCustomer(param(req, "id")))));
    }

    private static ObjectMapper json() {
        ObjectMapper m = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(com.fasterxml.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
        m.configOverride(BigDecimal.class).setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING));
        return m;
    }

    private void margin(ServerRequest req, ServerResponse res) {
        TimeRange range = ReportRange.parse(query(req, "month"), query(req, "from"), query(req, "to"), clock,
                "'month'", "'from'", "'to'");
        String target = query(req, "target");
        var report = books.margin(new Books.MarginQuery(range.from(), range.to(), MarginGroup.parse(query(req, "group_by")),
                target == null ? null : new BigDecimal(target)));
        send(res, 200, MarginJson.render(report).getBytes(StandardCharsets.UTF_8));
    }

    /** The admin errors of the books: bad values 400, changes to bursar.yaml's items 409. */
    private Handler guarded(Handler h) {
        return guard.apply((req, res) -> {
            try {
                h.handle(req, res);
            } catch (ConfigException e) {
                throw ApiError.badRequest("invalid_value", null, e.getMessage());
            } catch (BooksConflict e) {
                throw new ApiError(409, "invalid_request_error", "read_only", null, e.getMessage());
            }
        });
    }

    private <T> T bind(ServerRequest req, Class<T> type) {
        JsonNode body = bodies.readObject(req);
        return ConfigLoader.bind(body, type, "request body");
    }

    /** Items as their YAML records, snake_case, money as exact decimal strings, with where each comes from. */
    private static JsonNode withSource(Object item, boolean fromFile) {
        ObjectNode node = JSON.valueToTree(item);
        node.put("source", fromFile ? "yaml" : "stored");
        return node;
    }

    private static byte[] item(Object item) {
        return JSON.valueToTree(item).toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] list(String name, List<JsonNode> items) {
        ObjectNode root = JSON.createObjectNode();
        root.putArray(name).addAll(new ArrayList<>(items));
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void removed(ServerResponse res, String what, String name, boolean removed) {
        if (!removed) {
            throw new ApiError(404, "invalid_request_error", what + "_not_found", null, "No stored " + what + " '" + name + "'.");
        }
        send(res, 200, ("{\"removed\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(name) + "}").getBytes(StandardCharsets.UTF_8));
    }

    private static String param(ServerRequest req, String name) {
        return req.path().pathParameters().get(name);
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
