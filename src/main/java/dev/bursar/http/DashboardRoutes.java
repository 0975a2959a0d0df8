package dev.bursar.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.ui.Assets;
import dev.bursar.ui.Cookies;
import dev.bursar.ui.SameOrigin;
import dev.bursar.ui.Sessions;
import dev.bursar.ui.UiHeaders;
import dev.bursar.wire.ApiError;
import dev.bursar.wire.BadRequest;
import dev.bursar.wire.ClientWire;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;

/**
 * The dashboard at {@code /ui/}: static pages from the jar (dev.bursar.ui.Assets) under a strict Content-Security-Policy,
 * and log in / log out. Logging in trades the master key (in a POST body, never a URL) for an {@code HttpOnly},
 * {@code SameSite=Strict}, expiring session cookie; the pages then read the same {@code /admin/...} JSON as the CLI
 * with that cookie (AdminApi.guarded accepts it for reads only).
 */
final class DashboardRoutes {

    static final HeaderName COOKIE = HeaderNames.create("Cookie");
    private static final HeaderName SET_COOKIE = HeaderNames.create("Set-Cookie");
    private static final HeaderName ORIGIN = HeaderNames.create("Origin");

    private final Sessions sessions;
    private final Assets assets;
    private final RequestBodies bodies;

    DashboardRoutes(Sessions sessions, Assets assets, RequestBodies bodies) {
        this.sessions = sessions;
        this.assets = assets;
        this.bodies = bodies;
    }

    void register(HttpRouting.Builder r) {
        r.get("/ui", (req, res) -> redirect(res, "/ui/"));
        r.post("/ui/login", errors(this::login));
        r.post("/ui/logout", errors(this::logout));
        r.get("/ui/*", this::asset);
    }

    /** True when the request carries a live session cookie. */
    static boolean hasSession(ServerRequest req, Sessions sessions) {
        return Cookies.session(req.headers().first(COOKIE)).map(sessions::valid).orElse(false);
    }

    private void asset(ServerRequest req, ServerResponse res) {
        String path = req.path().path().substring("/ui/".length());
        boolean page = path.isEmpty() || path.equals("index.html");
        if (page && !hasSession(req, sessions)) {
            redirect(res, "/ui/login.html");
            return;
        }
        Optional<Assets.Asset> a = assets.get(path);
        UiHeaders.all().forEach((k, v) -> res.header(HeaderNames.create(k), v));
        if (a.isEmpty()) {
            res.status(404);
            res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            res.send("Not found");
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, a.get().contentType());
        res.send(a.get().bytes());
    }

    private void login(ServerRequest req, ServerResponse res) {
        sameOrigin(req);
        JsonNode body = bodies.readObject(req);
        JsonNode key = body.get("master_key");
        if (key == null || !key.isTextual() || key.asText().isBlank()) {
            throw ApiError.badRequest("missing_master_key", "master_key", "Send the master key as {\"master_key\": \"...\"}.");
        }
        String token = sessions.login(key.asText()).orElseThrow(() -> new ApiError(401, "authentication_error",
                "invalid_master_key", null, "That is not the master key (BURSAR_MASTER_KEY, or the key printed at first start)."));
        res.header(SET_COOKIE, Cookies.set(token, sessions.lifetime(), req.isSecure()));
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.status(204);
        res.send();
    }

    private void logout(ServerRequest req, ServerResponse res) {
        sameOrigin(req);
        Cookies.session(req.headers().first(COOKIE)).ifPresent(sessions::logout);
        res.header(SET_COOKIE, Cookies.clear(req.isSecure()));
        res.status(204);
        res.send();
    }

    /** CSRF: a state-changing call must come from a page of this gateway. */
    private static void sameOrigin(ServerRequest req) {
        if (!SameOrigin.check(req.headers().first(ORIGIN), req.headers().first(HeaderNames.HOST))) {
            throw new ApiError(403, "permission_error", "cross_origin_refused", null,
                    "The dashboard accepts this call only from its own pages (the Origin header must be this gateway).");
        }
    }

    private static void redirect(ServerResponse res, String to) {
        res.status(302);
        res.header(HeaderNames.LOCATION, to);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send();
    }

    /** The dashboard's calls answer errors in OpenAI's error JSON, like the admin API. */
    private static Handler errors(Handler h) {
        return (req, res) -> {
            try {
                h.handle(req, res);
            } catch (ApiError e) {
                send(res, e.status(), e.body(ClientWire.OPENAI));
            } catch (BadRequest e) {
                send(res, e.status(), ApiError.of(e).body(ClientWire.OPENAI));
            }
        };
    }

    private static void send(ServerResponse res, int status, byte[] body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(body);
    }
}
