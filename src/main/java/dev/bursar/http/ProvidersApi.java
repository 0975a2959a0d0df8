package dev.bursar.http;

import dev.bursar.config.ProviderConfig;
import dev.bursar.resilience.ProviderHealth;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.function.UnaryOperator;

/** {@code GET /admin/providers}: every configured provider, its type and its circuit breaker's state. */
final class ProvidersApi {

    private final List<ProviderConfig> providers;
    private final ProviderHealth health;
    private final UnaryOperator<Handler> guard;

    ProvidersApi(List<ProviderConfig> providers, ProviderHealth health, UnaryOperator<Handler> guard) {
        this.providers = List.copyOf(providers);
        this.health = health;
        this.guard = guard;
    }

    void register(HttpRouting.Builder r) {
        r.get("/admin/providers", guard.apply(this::list));
    }

    private void list(ServerRequest req, ServerResponse res) {
        List<ProviderJson.Provider> data = providers.stream()
                .map(pc -> ProviderJson.Provider.of(pc, health.snapshot(pc.name()).map(ProviderJson.Circuit::of).orElse(null)))
                .toList();
        res.status(200);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(AdminJson.bytes(new ProviderJson.Listed(data)));
    }
}
