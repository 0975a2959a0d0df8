package dev.bursar.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.ledger.EventIds;
import dev.bursar.ledger.Ledger;
import dev.bursar.ledger.UsageEvent;
import dev.bursar.metrics.Metrics;
import dev.bursar.pricing.Cost;
import dev.bursar.pricing.CostCalculator;
import dev.bursar.pricing.Usage;
import dev.bursar.providers.ProviderException;
import dev.bursar.providers.ProviderReply;
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
        return costs.cost(a.route().priceModel(), reply.usage(), a.startedAt(), false);
    }

    /** A whole answer, booked once the gateway knows whether its client was still there to take it. */
    Cost answered(Attempt a, ProviderReply reply, int httpStatus, boolean clientCancelled) {
        String status = clientCancelled ? "client_cancelled" : "ok";
        return record(a, reply.usage(), reply.rawUsage(), reply.usageEstimated(), reply.ttftNanos(), httpStatus, status, null);
    }

    /** A failed attempt; tokens already produced (a cut stream) are real spend and are priced. */
    Cost failed(Attempt a, ProviderException e, int httpStatus) {
        metrics.error(a.route().provider().name(), e.error().kind());
        Usage usage = e.partialUsage().orElse(Usage.ZERO);
        return record(a, usage, null, e.partialUsage().isPresent(), -1, httpStatus, "error", e.error().kind());
    }

    private Cost record(Attempt a, Usage usage, JsonNode rawUsage, boolean estimated, long ttftNanos, int httpStatus,
                        String status, String errorClass) {
        Cost cost = costs.cost(a.route().priceModel(), usage, a.startedAt(), false);
        UsageEvent event = new UsageEvent(
                EventIds.next(), a.requestId(), a.startedAt(), a.attribution(),
                a.route().requestedModel(), a.route().priceModel(), a.route().upstreamModel(),
                a.route().provider().name(), a.endpoint(), a.route().reason(), "none",
                usage, cost.totalUsd(), BigDecimal.ZERO, cost.priceVersion(), estimated,
                a.elapsedMicros(), ttftNanos < 0 ? -1 : ttftNanos / 1_000, httpStatus, status, errorClass,
                a.number(), false, a.stream(), rawUsage == null ? null : rawUsage.toString(), a.fingerprint());
        ledger.append(event);
        metrics.settled(a.route().priceModel(), usage, cost.totalUsd());
        return cost;
    }
}
