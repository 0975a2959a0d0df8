package dev.bursar.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.budgets.BudgetBook;
import dev.bursar.budgets.BudgetControl;
import dev.bursar.budgets.BudgetStatus;
import dev.bursar.config.BudgetConfig;
import dev.bursar.config.ConfigException;
import dev.bursar.config.ConfigLoader;
import dev.bursar.gateway.ApiError;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/** {@code /admin/budgets}: the budgets in force, their current windows, and run-time changes. */
final class BudgetsApi {

    private final BudgetControl budgets;
    private final RequestBodies bodies;
    private final ObjectMapper json;
    private final UnaryOperator<Handler> guard;

    BudgetsApi(BudgetControl budgets, RequestBodies bodies, ObjectMapper json, UnaryOperator<Handler> guard) {
        this.budgets = budgets;
        this.bodies = bodies;
        this.json = json;
        this.guard = guard;
    }

    void register(HttpRouting.Builder r) {
        r.get("/admin/budgets", guard.apply(this::list));
        r.post("/admin/budgets", guard.apply(this::set));
        r.delete("/admin/budgets/{name}", guard.apply(this::remove));
    }

    private void list(ServerRequest req, ServerResponse res) {
        ObjectNode root = json.createObjectNode();
        ArrayNode defs = root.putArray("budgets");
        for (BudgetBook.Defined d : budgets.budgets().all()) {
            ObjectNode o = definition(d.config());
            o.put("from_config", d.fromConfig());
            defs.add(o);
        }
        ArrayNode status = root.putArray("status");
        for (BudgetStatus s : budgets.status()) {
            status.add(status(s));
        }
        send(res, 200, root);
    }

    private void set(ServerRequest req, ServerResponse res) {
        BudgetConfig cfg;
        try {
            cfg = ConfigLoader.bind(bodies.readObject(req), BudgetConfig.class, "budget");
        } catch (ConfigException e) {
            throw ApiError.badRequest("invalid_budget", null, e.getMessage());
        }
        budgets.budgets().set(cfg);
        send(res, 201, definition(cfg));
    }

    private void remove(ServerRequest req, ServerResponse res) {
        String name = req.path().pathParameters().get("name");
        if (!budgets.budgets().remove(name)) {
            throw new ApiError(404, "invalid_request_error", "budget_not_found", "name", "No budget named '" + name + "'.");
        }
        ObjectNode o = json.createObjectNode();
        o.put("name", name);
        o.put("removed", true);
        send(res, 200, o);
    }

    static ObjectNode definition(BudgetConfig b) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("name", b.name());
        o.put("scope", b.scope());
        o.put("match", b.match());
        o.put("window", b.window());
        o.put("time_zone", b.timeZone());
        o.put("limit_usd", b.limitUsd().toPlainString());
        ArrayNode at = o.putArray("alert_at");
        b.alertAt().forEach(f -> at.add(f.toPlainString()));
        o.put("enforce", b.enforce());
        o.put("on_store_down", b.onStoreDown());
        return o;
    }

    static ObjectNode status(BudgetStatus s) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("budget", s.budget());
        o.put("scope", s.scope());
        o.put("value", s.value());
        o.put("window", s.window());
        o.put("hard", s.hard());
        o.put("window_start", s.windowStart() == null ? null : s.windowStart().toString());
        o.put("resets_at", s.resetsAt() == null ? null : s.resetsAt().toString());
        o.put("limit_usd", plain(s.limitUsd()));
        o.put("spent_usd", plain(s.spentUsd()));
        o.put("reserved_usd", plain(s.reservedUsd()));
        o.put("remaining_usd", plain(s.remainingUsd()));
        return o;
    }

    private static String plain(BigDecimal v) {
        return v == null ? null : v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString();
    }

    private static void send(ServerResponse res, int status, ObjectNode body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
