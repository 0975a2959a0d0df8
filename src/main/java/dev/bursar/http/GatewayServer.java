package dev.bursar.http;

import dev.bursar.cache.ResponseCache;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bursar.alerts.AlertEngine;
import dev.bursar.auth.Authenticator;
import dev.bursar.budgets.BudgetControl;
import dev.bursar.config.ProviderConfig;
import dev.bursar.resilience.ProviderHealth;
import dev.bursar.auth.KeyStore;
import dev.bursar.gateway.Gateway;
import dev.bursar.ledger.Ledger;
import dev.bursar.metrics.Metrics;
import dev.bursar.routing.ModelRoutes;
import dev.bursar.ui.Assets;
import dev.bursar.ui.Sessions;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The HTTP face: wire endpoints, admin API, health and metrics, on Helidon's virtual-thread web server. */
public final class GatewayServer implements AutoCloseable {

    /** Everything the routes need. */
    public record Parts(Gateway gateway, ModelRoutes routes, Authenticator auth, KeyStore keys, Ledger ledger,
                        Metrics metrics, AlertEngine alerts, BudgetControl budgets, String masterKey, String storageDescription, long maxBodyBytes,
                        Clock clock, List<String> corsOrigins, List<ProviderConfig> providers, ProviderHealth health,
                        ResponseCache cache, dev.bursar.books.Books books,
                        dev.bursar.reconcile.StoredReconciliation reconciled,
                        dev.bursar.reconcile.ScheduledReconciler reconciler,
                        dev.bursar.pricing.PriceCatalog catalog,
                        dev.bursar.batch.Batches batches) { }

    private final WebServer server;

    private GatewayServer(WebServer server) {
        this.server = server;
    }

    public static GatewayServer start(String host, int port, Parts p) {
        ObjectMapper json = new ObjectMapper();
        RequestBodies bodies = new RequestBodies(json, p.maxBodyBytes());
        WireEndpoints wire = new WireEndpoints(p.gateway(), bodies, p.routes(), json, p.metrics());
        // Dashboard sessions last a working day; a restart ends them (the signing key lives in memory only).
        Sessions sessions = new Sessions(p.masterKey(), p.clock(), Duration.ofHours(12));
        AdminApi admin = new AdminApi(p.masterKey(), p.keys(), p.auth(), p.ledger(), p.alerts(), bodies, p.clock(), p.books(),
                sessions);
        HttpRouting.Builder routing = HttpRouting.builder();
        routing.addFilter(new CrossSite(p.corsOrigins()));
        wire.register(routing);
        new BudgetsApi(p.budgets(), bodies, admin::guarded).register(routing);
        new ProvidersApi(p.providers(), p.health(), admin::guarded).register(routing);
        new CacheApi(p.cache(), p.ledger(), p.clock(), admin::guarded).register(routing);
        new BooksApi(p.books(), bodies, p.clock(), admin::guarded).register(routing);
        new ReconcileApi(p.reconciled(), p.reconciler(), p.clock(), admin::guarded).register(routing);
        if (p.batches() != null) {
            new BatchApi(p.batches(), p.auth(), bodies).register(routing);
        }
        admin.register(routing);
        new RequestsApi(p.ledger(), p.clock(), admin::guarded).register(routing);
        new PricesApi(p.catalog(), p.clock(), admin::guarded).register(routing);
        new DashboardRoutes(sessions, new Assets(), bodies).register(routing);
        routing.get("/health", new Health(p.masterKey(), p.storageDescription(), p.clock(), json));
        routing.get("/metrics", (req, res) -> {
            res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
            res.send(p.metrics().render().getBytes(StandardCharsets.UTF_8));
        });
        WebServer server = WebServer.builder()
                .host(host)
                .port(port)
                .shutdownHook(false)
                // Bursar enforces its own limit so the client gets the error in its own wire format.
                .maxPayloadSize(-1)
                .directHandlers(TransportErrors.handlers())
                .idleConnectionTimeout(Duration.ofMinutes(5))
                // Every SSE event is its own small write; without TCP_NODELAY, Nagle and delayed ACKs hold each ~40 ms.
                .connectionOptions(o -> o.tcpNoDelay(true))
                .routing(routing)
                .build()
                .start();
        if (!server.isRunning() || server.port() <= 0) {
            // Helidon logs a failed bind and stops instead of throwing; without this check the process would idle.
            throw new IllegalStateException("cannot listen on " + host + ":" + port + " (is another process using that port?)");
        }
        return new GatewayServer(server);
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
    }
}
