package dev.bursar.gateway;

import dev.bursar.attribution.Attribution;
import dev.bursar.cache.CacheDirective;
import dev.bursar.cache.CachedAnswer;
import dev.bursar.cache.ResponseCache;
import dev.bursar.ledger.Endpoint;
import dev.bursar.metrics.Metrics;
import dev.bursar.pricing.Cost;
import dev.bursar.pricing.CostCalculator;
import dev.bursar.pricing.Money;
import dev.bursar.routing.Route;
import dev.bursar.telemetry.AttemptStart;
import dev.bursar.telemetry.RequestTrace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cache's part of the request path: the lookup before anything is paid, and a hit answered in the client's
 * wire (whole, or replayed as a stream) and booked as a ledger row of cost 0 that carries what it saved.
 */
final class CacheHits {

    static final String CACHE_HEADER = "X-Bursar-Cache";
    static final String SAVED_HEADER = "X-Bursar-Saved-Usd";

    private final ResponseCache cache;
    private final Set<String> uncachedModels;
    private final Settlement settlement;
    private final CostCalculator costs;
    private final Clock clock;
    private final Metrics metrics;

    CacheHits(ResponseCache cache, Set<String> uncachedModels, Settlement settlement, CostCalculator costs, Clock clock,
              Metrics metrics) {
        this.cache = cache;
        this.uncachedModels = uncachedModels;
        this.settlement = settlement;
        this.costs = costs;
        this.clock = clock;
        this.metrics = metrics;
    }

    boolean enabled() {
        return cache.enabled();
    }

    ResponseCache cache() {
        return cache;
    }

    /**
     * The lookup for a request whose caller, attribution and model are known. {@code cache: off} on the model asked
     * for, or on the model a virtual model chose, keeps the cache out.
     */
    ResponseCache.Lookup lookup(Inbound in, CacheDirective directive, Attribution who, Route asked, Route route) {
        boolean modelCacheable = !uncachedModels.contains(asked.requestedModel())
                && !uncachedModels.contains(route.upstreamModel()) && !uncachedModels.contains(route.priceModel());
        return cache.lookup(directive, in.wire(), in.endpoint(), in.body(), who,
                new ResponseCache.Target(route.provider().name(), route.upstreamModel(), modelCacheable));
    }

    /** Answers a hit and books it, without telemetry; returns the HTTP status. */
    int serve(String requestId, Inbound in, Attribution who, Route route, ResponseCache.Lookup lookup, boolean stream,
              Responder out) {
        return serve(requestId, in, who, route, lookup, stream, out, NO_TRACE);
    }

    private static final RequestTrace NO_TRACE = dev.bursar.telemetry.Telemetry.off().request(null, null);

    /** Answers a hit and books it (the request's span says it was a hit); returns the HTTP status. */
    int serve(String requestId, Inbound in, Attribution who, Route route, ResponseCache.Lookup lookup, boolean stream,
              Responder out, RequestTrace trace) {
        CachedAnswer answer = lookup.hit().orElseThrow();
        Cost wouldHave = costs.cost(answer.priceModel(), answer.usage(), clock.instant(), false);
        String saved = Money.plain(wouldHave.totalUsd());
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put(Gateway.ROUTE_HEADER, route.decision());
        extra.put(CACHE_HEADER, lookup.outcome().label());
        extra.put(SAVED_HEADER, saved);
        Attempt a = new Attempt(requestId, 1, clock.instant(), System.nanoTime(), who, route, in.endpoint(), stream,
                null, lookup.outcome().label());
        Runnable book = () -> settlement.cacheHit(a, answer, lookup.outcome(), wouldHave.totalUsd(), wouldHave.priceVersion());
        metrics.cache(answer.priceModel(), lookup.outcome().label(), wouldHave.totalUsd());
        trace.cacheHit(new AttemptStart(Settlement.CACHE_PROVIDER, route.upstreamModel(), answer.priceModel(), 1,
                route.reason(), who), lookup.outcome().label(), wouldHave.totalUsd(), answer.priceModel());
        if (!stream || in.endpoint() == Endpoint.EMBEDDINGS) {
            // A hit takes microseconds, so, like a provider's answer faster than Gateway.PROBE_AFTER_MICROS, it is
            // booked and then written at once: probing for a client that left costs two extra writes per answer
            // (as much CPU as the provider call a hit saves), and a hit's row would not use what the probe found.
            book.run();
            out.whole(200, new Responder.BursarHeaders(requestId, "0", answer.priceModel(), extra), answer.body());
            return 200;
        }
        Responder.EventStream events = out.openStream(new Responder.BursarHeaders(requestId, "0", answer.priceModel(), extra));
        List<byte[]> replay = ResponseCache.replay(lookup, answer);
        try {
            for (int i = 0; i < replay.size() - 1; i++) {
                events.send(replay.get(i), false);
            }
            // The row is durable before the last event, as for a provider's stream.
            book.run();
            events.send(": x-bursar-cost-usd 0\n\n".getBytes(StandardCharsets.UTF_8), false);
            events.send(replay.get(replay.size() - 1), true);
        } catch (IOException e) {
            // The client left; the hit cost nothing, and its row (if not written yet) says what was saved.
            return 499;
        }
        return 200;
    }
}
