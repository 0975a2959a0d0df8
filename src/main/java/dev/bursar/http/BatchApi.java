package dev.bursar.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.auth.Authenticator;
import dev.bursar.batch.BatchRecord;
import dev.bursar.batch.BatchRequest;
import dev.bursar.batch.Batches;
import dev.bursar.gateway.Callers;
import dev.bursar.gateway.Ids;
import dev.bursar.wire.ApiError;
import dev.bursar.wire.BadRequest;
import dev.bursar.wire.ClientWire;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** OpenAI's Batch API: create, retrieve, list, cancel. Thin: decode, ask {@link Batches}, encode. */
final class BatchApi {

    private static final System.Logger LOG = System.getLogger(BatchApi.class.getName());

    private final Batches batches;
    private final Authenticator auth;
    private final RequestBodies bodies;

    BatchApi(Batches batches, Authenticator auth, RequestBodies bodies) {
        this.batches = batches;
        this.auth = auth;
        this.bodies = bodies;
    }

    void register(HttpRouting.Builder r) {
        new FilesApi(batches.files(), auth).register(r);
        r.post("/v1/batches", (req, res) -> guard(res, () -> {
            var owner = Callers.authenticate(auth, WireEndpoints.credential(req));
            BatchRequest request = BatchRequest.of(bodies.readObject(req));
            json(res, 200, BatchJson.batch(batches.create(owner, request)));
        }));
        r.get("/v1/batches", (req, res) -> guard(res, () -> list(req, res)));
        r.get("/v1/batches/{id}", (req, res) -> guard(res, () -> {
            String key = Callers.authenticate(auth, WireEndpoints.credential(req)).keyId();
            json(res, 200, BatchJson.batch(batches.get(req.path().pathParameters().get("id"), key)));
        }));
        r.post("/v1/batches/{id}/cancel", (req, res) -> guard(res, () -> {
            String key = Callers.authenticate(auth, WireEndpoints.credential(req)).keyId();
            json(res, 200, BatchJson.batch(batches.cancel(req.path().pathParameters().get("id"), key)));
        }));
    }

    private void list(ServerRequest req, ServerResponse res) {
        String key = Callers.authenticate(auth, WireEndpoints.credential(req)).keyId();
        String after = req.query().contains("after") ? req.query().get("after") : null;
        int limit = 20;
        if (req.query().contains("limit")) {
            try {
                limit = Integer.parseInt(req.query().get("limit"));
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 100) {
                throw ApiError.badRequest("invalid_value", "limit", "limit must be between 1 and 100.");
            }
        }
        List<BatchRecord> page = batches.list(after, limit + 1, key);
        ObjectNode root = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        page.stream().limit(limit).forEach(b -> data.add(BatchJson.batch(b)));
        root.put("first_id", data.isEmpty() ? null : data.get(0).path("id").asText());
        root.put("last_id", data.isEmpty() ? null : data.get(data.size() - 1).path("id").asText());
        root.put("has_more", page.size() > limit);
        json(res, 200, root);
    }

    /** Runs a handler; a client error becomes OpenAI's error JSON, anything else a 500 naming a request id. */
    static void guard(ServerResponse res, Runnable handler) {
        try {
            handler.run();
        } catch (ApiError e) {
            error(res, e);
        } catch (BadRequest e) {
            error(res, ApiError.of(e));
        } catch (RuntimeException e) {
            String id = Ids.next("req_");
            LOG.log(System.Logger.Level.ERROR, "request " + id + " failed", e);
            error(res, ApiError.internal("Bursar failed to handle this request (" + e.getClass().getSimpleName()
                    + "). Request id " + id + "."));
        }
    }

    private static void error(ServerResponse res, ApiError e) {
        if (res.isSent()) {
            return;
        }
        res.status(e.status());
        e.headers().forEach((k, v) -> res.header(k, v));
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(e.body(ClientWire.OPENAI));
    }

    static void json(ServerResponse res, int status, ObjectNode body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
