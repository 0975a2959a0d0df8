package dev.bursar.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.cache.CacheOutcome;
import dev.bursar.cache.CachedAnswer;
import dev.bursar.ledger.AttemptStatus;
import dev.bursar.ledger.EventIds;
import dev.bursar.ledger.Ledger;
import dev.bursar.ledger.UsageEvent;
import dev.bursar.metrics.Metrics;
import dev.bursar.pricing.Cost;
import dev.bursar.pricing.CostCalculator;
import dev.bursar.pricing.Usage;
import dev.bursar.providers.ProviderException;
import dev.bursar.providers.ProviderReply;
import dev.bursar.routing.Route;
import dev.bursar.telemetry.Settled;
import java.math.BigDecimal;

/**
 * The last step of every attempt: exact cost from the provider's usage, then the ledger row (durable before the
 * client sees the end of its answer), then metrics.
 */
final class Settlement {

    private final CostCalculator costs;
    private final Ledger ledger;
    private final Metrics metrics;

    Settlement(CostCalculator costs, Ledger ledger, Metrics metrics) {
        this.costs = costs;
        this.ledger = ledger;
        this.metrics = metrics;
    }

    /** A successful (or client-cancelled) attempt. */
    Cost answered(Attempt a, ProviderReply reply, int httpStatus) {
        return answered(a, reply, httpStatus, reply.clientCancelled());
    }

    /** What a reply costs, before it is booked: a whole answer carries its cost in a header. */
    Cost price(Attempt a, ProviderReply reply) {
        return costs.cost(a.route().priceModel(), reply.usage(), a.startedAt(), a.batch() != null);
    }

    /** A whole answer, booked once the gateway knows whether its client was still there to take it. */
    Cost answered(Attempt a, ProviderReply reply, int httpStatus, boolean clientCancelled) {
        AttemptStatus status = clientCancelled ? AttemptStatus.CLIENT_CANCELLED : AttemptStatus.OK;
        Cost cost = record(a, reply.usage(), reply.rawUsage(), reply.usageEstimated(), reply.ttftNanos(), httpStatus, status, null);
        a.trace().settled(new Settled(reply.usage(), cost.totalUsd(), httpStatus, null, reply.finishReason(),
                reply.body() == null ? null : reply.body().path("model").asText(null)));
        return cost;
    }

    /** A failed attempt; tokens already produced (a cut stream) are real spend and are priced. */
    Cost failed(Attempt a, ProviderException e, int httpStatus) {
        metrics.error(a.route().provider().name(), e.error().kind());
        Usage usage = e.partialUsage().orElse(Usage.ZERO);
        Cost cost = record(a, usage, null, e.partialUsage().isPresent(), -1, httpStatus, AttemptStatus.ERROR, e.error().kind());
        a.trace().settled(new Settled(usage, cost.totalUsd(), httpStatus, e.error().kind(), null, null));
        return cost;
    }

    /**
     * A request answered from the cache: no provider was paid, so the row costs nothing and no tokens; it carries what
     * the answer would have cost today ({@code saved}), booked like any answer before the client has it all.
     */
    void cacheHit(Attempt a, CachedAnswer answer, CacheOutcome how, BigDecimal saved, String priceVersion) {
        Route r = a.route();
        UsageEvent event = new UsageEvent(EventIds.next(), a.requestId(), a.startedAt(), a.attribution(),
                new UsageEvent.Models(r.requestedModel(), answer.priceModel(), r.upstreamModel(), CACHE_PROVIDER, r.reason()),
                new UsageEvent.Call(a.endpoint(), a.stream(), false, a.number(), how.label(), a.fingerprint()),
                Usage.ZERO,
                new UsageEvent.Charge(BigDecimal.ZERO, saved, priceVersion, false, null),
                new UsageEvent.Outcome(200, AttemptStatus.OK, null, a.elapsedMicros(), -1));
        ledger.append(event);
        metrics.settled(answer.priceModel(), Usage.ZERO, BigDecimal.ZERO);
    }

    /** The provider column of a row answered from the cache: no provider was called. */
    static final String CACHE_PROVIDER = "cache";

    private Cost record(Attempt a, Usage usage, JsonNode rawUsage, boolean estimated, long ttftNanos, int httpStatus,
                        AttemptStatus status, String errorClass) {
        boolean batch = a.batch() != null;
        Cost cost = costs.cost(a.route().priceModel(), usage, a.startedAt(), batch);
        // A batch line's saving is what the same tokens would have cost synchronously, less what they cost here.
        BigDecimal saved = batch
                ? costs.cost(a.route().priceModel(), usage, a.startedAt(), false).totalUsd().subtract(cost.totalUsd())
                : BigDecimal.ZERO;
        Route r = a.route();
        UsageEvent event = new UsageEvent(EventIds.next(), a.requestId(), a.startedAt(), a.attribution(),
                new UsageEvent.Models(r.requestedModel(), r.priceModel(), r.upstreamModel(), r.provider().name(), r.reason()),
                new UsageEvent.Call(a.endpoint(), a.stream(), batch, a.number(), a.cacheOutcome(), a.fingerprint(),
                        a.prefix(), a.parts() == null ? null : a.parts().settle(usage.inputTokens())),
                usage,
                new UsageEvent.Charge(cost.totalUsd(), saved, cost.priceVersion(), estimated,
                        rawUsage == null ? null : rawUsage.toString()),
                new UsageEvent.Outcome(httpStatus, status, errorClass, a.elapsedMicros(),
                        ttftNanos < 0 ? -1 : ttftNanos / 1_000));
        ledger.append(event);
        metrics.settled(a.route().priceModel(), usage, cost.totalUsd());
        if (batch) {
            a.batch().booked().attempt(cost.totalUsd(), saved);
        }
        return cost;
    }
}
