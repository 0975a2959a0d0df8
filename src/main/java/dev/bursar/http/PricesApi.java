package dev.bursar.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.pricing.ModelInfo;
import dev.bursar.pricing.PriceCatalog;
import dev.bursar.pricing.PriceSet;
import dev.bursar.pricing.PriceTier;
import dev.bursar.pricing.PriceVersion;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@code GET /admin/prices}: the catalog the gateway prices with (what {@code bursar prices list} and {@code show}
 * print): every model with its version in force now and its whole price history, USD per million tokens as exact
 * decimal strings. {@code provider} keeps one provider's models.
 */
final class PricesApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PriceCatalog catalog;
    private final Clock clock;
    private final UnaryOperator<Handler> guard;

    PricesApi(PriceCatalog catalog, Clock clock, UnaryOperator<Handler> guard) {
        this.catalog = catalog;
        this.clock = clock;
        this.guard = guard;
    }

    void register(HttpRouting.Builder r) {
        r.get("/admin/prices", guard.apply(this::list));
    }

    private void list(ServerRequest req, ServerResponse res) {
        String provider = req.query().contains("provider") ? req.query().get("provider") : null;
        Instant now = clock.instant();
        ObjectNode root = JSON.createObjectNode();
        root.put("at", now.toString());
        ArrayNode models = root.putArray("models");
        for (ModelInfo m : catalog.models()) {
            if (provider != null && !m.provider().equalsIgnoreCase(provider)) {
                continue;
            }
            ObjectNode o = models.addObject();
            o.put("id", m.id());
            o.put("provider", m.provider());
            o.put("mode", m.mode());
            o.put("context_window", m.contextWindow());
            o.put("max_output_tokens", m.maxOutputTokens());
            m.aliases().forEach(o.putArray("aliases")::add);
            o.put("current", catalog.versionAt(m.id(), now).map(PriceVersion::label).orElse(null));
            ArrayNode history = o.putArray("history");
            for (PriceVersion v : catalog.history(m.id()).orElse(List.of())) {
                ObjectNode h = history.addObject();
                h.put("version", v.label());
                h.put("effective_from", v.effectiveFrom().toString());
                h.put("source", v.source());
                h.set("usd_per_million", prices(v.base()));
                ArrayNode tiers = h.putArray("tiers");
                for (PriceTier t : v.tiers()) {
                    ObjectNode to = tiers.addObject();
                    to.put("above_input_tokens", t.aboveInputTokens());
                    to.set("usd_per_million", prices(t.prices()));
                }
            }
        }
        res.status(200);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(root.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Only the classes the version declares; a missing class is priced from another by the calculator's rules. */
    private static ObjectNode prices(PriceSet set) {
        ObjectNode p = JSON.createObjectNode();
        set.declaredPrices().forEach((cls, usd) -> p.put(cls.key(), usd.stripTrailingZeros().toPlainString()));
        return p;
    }
}
