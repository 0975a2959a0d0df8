package dev.bursar.http;

import dev.bursar.gateway.Ids;
import dev.bursar.wire.ApiError;
import dev.bursar.wire.ClientWire;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.List;
import java.util.Optional;

/**
 * Keeps web pages from spending through the gateway. With no keys created any bearer token is accepted, so a page
 * the developer visits could otherwise post to a gateway on localhost. Browsers mark such requests with
 * {@code Origin} (and {@code Sec-Fetch-Site}); they are refused with 403 unless {@code server.cors} names the origin,
 * in which case preflights are answered and answers carry {@code Access-Control-Allow-Origin}.
 */
final class CrossSite implements Filter {

    private static final HeaderName ORIGIN = HeaderNames.create("Origin");
    private static final HeaderName FETCH_SITE = HeaderNames.create("Sec-Fetch-Site");
    private static final HeaderName ALLOW_ORIGIN = HeaderNames.create("Access-Control-Allow-Origin");
    private static final HeaderName ALLOW_METHODS = HeaderNames.create("Access-Control-Allow-Methods");
    private static final HeaderName ALLOW_HEADERS = HeaderNames.create("Access-Control-Allow-Headers");
    private static final HeaderName REQUEST_HEADERS = HeaderNames.create("Access-Control-Request-Headers");
    private static final HeaderName EXPOSE_HEADERS = HeaderNames.create("Access-Control-Expose-Headers");
    private static final HeaderName MAX_AGE = HeaderNames.create("Access-Control-Max-Age");
    private static final HeaderName VARY = HeaderNames.create("Vary");

    private final List<String> allowed;

    CrossSite(List<String> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().path();
        // The dashboard's own pages post to it with their Origin; DashboardRoutes checks that it is this gateway.
        if (path.equals("/health") || path.equals("/metrics") || path.startsWith("/ui/") || path.equals("/ui")) {
            chain.proceed();
            return;
        }
        Optional<String> origin = req.headers().first(ORIGIN);
        boolean crossSite = req.headers().first(FETCH_SITE).map(v -> v.equalsIgnoreCase("cross-site")).orElse(false);
        if (origin.isEmpty() && !crossSite) {
            chain.proceed();
            return;
        }
        if (origin.isEmpty() || !allows(origin.get())) {
            refuse(res, path, origin);
            return;
        }
        res.header(ALLOW_ORIGIN, origin.get());
        res.header(VARY, "Origin");
        if (req.prologue().method() == Method.OPTIONS) {
            res.header(ALLOW_METHODS, "GET, POST, DELETE, OPTIONS");
            req.headers().first(REQUEST_HEADERS).ifPresent(h -> res.header(ALLOW_HEADERS, h));
            res.header(MAX_AGE, "600");
            res.status(204);
            res.send();
            return;
        }
        res.header(EXPOSE_HEADERS, "X-Bursar-Request-Id, X-Bursar-Model, X-Bursar-Cost-Usd");
        chain.proceed();
    }

    private boolean allows(String origin) {
        return allowed.contains("*") || allowed.contains(origin);
    }

    private static void refuse(RoutingResponse res, String path, Optional<String> origin) {
        String who = origin.map(o -> "The origin '" + HeaderText.printable(o) + "'").orElse("A cross-site web page");
        ApiError err = new ApiError(403, "permission_error", "cross_origin_refused", null, who
                + " may not call this gateway from a browser. To allow a web app, list its origin under"
                + " server.cors in bursar.yaml.");
        res.status(403);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.header(HelidonResponder.REQUEST_ID, Ids.next("req_"));
        res.send(err.body(wireOf(path)));
    }

    /** Which wire's error shape a path's clients read. */
    static ClientWire wireOf(String path) {
        return path.startsWith("/v1/messages") ? ClientWire.ANTHROPIC : ClientWire.OPENAI;
    }
}
