package dev.bursar.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.gateway.Gateway;
import dev.bursar.gateway.Ids;
import dev.bursar.gateway.Inbound;
import dev.bursar.gateway.Responder;
import dev.bursar.ledger.Endpoint;
import dev.bursar.metrics.Metrics;
import dev.bursar.routing.ModelRoutes;
import dev.bursar.wire.ApiError;
import dev.bursar.wire.ClientWire;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The provider-compatible endpoints: decode the request, hand it to the gateway, nothing more. */
final class WireEndpoints {

    private final Gateway gateway;
    private final RequestBodies bodies;
    private final ModelRoutes routes;
    private final ObjectMapper json;
    private final Metrics metrics;

    WireEndpoints(Gateway gateway, RequestBodies bodies, ModelRoutes routes, ObjectMapper json, Metrics metrics) {
        this.gateway = gateway;
        this.metrics = metrics;
        this.bodies = bodies;
        this.routes = routes;
        this.json = json;
    }

    void register(HttpRouting.Builder r) {
        r.post("/v1/chat/completions", (req, res) -> call(req, res, ClientWire.OPENAI, Endpoint.CHAT));
        r.post("/chat/completions", (req, res) -> call(req, res, ClientWire.OPENAI, Endpoint.CHAT));
        r.post("/v1/embeddings", (req, res) -> call(req, res, ClientWire.OPENAI, Endpoint.EMBEDDINGS));
        r.post("/embeddings", (req, res) -> call(req, res, ClientWire.OPENAI, Endpoint.EMBEDDINGS));
        r.post("/v1/messages", (req, res) -> call(req, res, ClientWire.ANTHROPIC, Endpoint.MESSAGES));
        r.get("/v1/models", this::models);
        r.get("/models", this::models);
        // Registered after the real routes, so they only see the methods those do not take.
        for (String path : List.of("/v1/chat/completions", "/chat/completions", "/v1/embeddings", "/embeddings", "/v1/messages")) {
            r.any(path, (req, res) -> wrongMethod(res, path, "POST"));
        }
        for (String path : List.of("/v1/models", "/models")) {
            r.any(path, (req, res) -> wrongMethod(res, path, "GET"));
        }
    }

    private static void wrongMethod(ServerResponse res, String path, String allowed) {
        ApiError err = new ApiError(405, "invalid_request_error", "method_not_allowed", null,
                path + " takes " + allowed + " only.");
        res.status(405);
        res.header(HeaderNames.ALLOW, allowed);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.header(HelidonResponder.REQUEST_ID, Ids.next("req_"));
        res.send(err.body(CrossSite.wireOf(path)));
    }

    private void call(ServerRequest req, ServerResponse res, ClientWire wire, Endpoint endpoint) {
        long started = System.nanoTime();
        HelidonResponder out = new HelidonResponder(res);
        ObjectNode body;
        try {
            body = bodies.readObject(req);
        } catch (ApiError e) {
            out.whole(e.status(), new Responder.BursarHeaders(Ids.next("req_"), "0", ""), e.body(wire));
            metrics.request(endpoint, Metrics.UNKNOWN_MODEL, "", e.status(), (System.nanoTime() - started) / 1_000);
            return;
        }
        Inbound in = new Inbound(wire, endpoint, body,
                name -> req.headers().first(headerName(name)).orElse(null),
                credential(req), started);
        try {
            gateway.handle(in, out);
        } finally {
            out.finish();
        }
    }

    /** Header names are looked up on every request; creating one parses and interns it, so keep them. */
    private static final Map<String, HeaderName> HEADER_NAMES = new ConcurrentHashMap<>();
    private static final HeaderName X_API_KEY = HeaderNames.create("x-api-key");

    private static HeaderName headerName(String name) {
        return HEADER_NAMES.computeIfAbsent(name, HeaderNames::create);
    }

    static String credential(ServerRequest req) {
        var authz = req.headers().first(HeaderNames.AUTHORIZATION);
        if (authz.isPresent()) {
            String v = authz.get().trim();
            return v.regionMatches(true, 0, "Bearer ", 0, 7) ? v.substring(7).trim() : v;
        }
        return req.headers().first(X_API_KEY).orElse(null);
    }

    private void models(ServerRequest req, ServerResponse res) {
        ObjectNode root = json.createObjectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        routes.all().forEach((name, route) -> {
            ObjectNode m = data.addObject();
            m.put("id", name);
            m.put("object", "model");
            m.put("created", 0);
            m.put("owned_by", route.provider().name());
        });
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(root.toString().getBytes(StandardCharsets.UTF_8));
    }
}
