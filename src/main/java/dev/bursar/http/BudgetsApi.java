package dev.bursar.http;

import dev.bursar.budgets.BudgetControl;
import dev.bursar.config.BudgetConfig;
import dev.bursar.wire.ApiError;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.function.UnaryOperator;

/** {@code /admin/budgets}: the budgets in force, their current windows, and run-time changes. */
final class BudgetsApi {

    private final BudgetControl budgets;
    private final RequestBodies bodies;
    private final UnaryOperator<Handler> guard;

    BudgetsApi(BudgetControl budgets, RequestBodies bodies, UnaryOperator<Handler> guard) {
        this.budgets = budgets;
        this.bodies = bodies;
        this.guard = guard;
    }

    void register(HttpRouting.Builder r) {
        r.get("/admin/budgets", guard.apply(this::list));
        r.post("/admin/budgets", guard.apply(this::set));
        r.delete("/admin/budgets/{name}", guard.apply(this::remove));
    }

    private void list(ServerRequest req, ServerResponse res) {
        send(res, 200, new BudgetJson.Listed(
                budgets.budgets().all().stream().map(BudgetJson.Definition::of).toList(),
                budgets.status().stream().map(BudgetJson.Status::of).toList()));
    }

    private void set(ServerRequest req, ServerResponse res) {
        BudgetConfig cfg = AdminJson.read(bodies.readObject(req), BudgetRequest.class).toConfig();
        budgets.budgets().set(cfg);
        send(res, 201, BudgetJson.Definition.of(cfg));
    }

    private void remove(ServerRequest req, ServerResponse res) {
        String name = req.path().pathParameters().get("name");
        if (!budgets.budgets().remove(name)) {
            throw new ApiError(404, "invalid_request_error", "budget_not_found", "name", "No budget named '" + name + "'.");
        }
        send(res, 200, new BudgetJson.Removed(name, true));
    }

    private static void send(ServerResponse res, int status, Object body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(AdminJson.bytes(body));
    }
}
