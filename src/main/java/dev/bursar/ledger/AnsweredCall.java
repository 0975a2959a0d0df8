package dev.bursar.ledger;

import dev.bursar.attribution.Attribution;
import dev.bursar.pricing.Usage;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The upstream attempt that answered a request, as the ledger booked it: what {@code bursar replay} reprices.
 *
 * @param requestedModel the model the client asked for
 * @param servedModel    the model that answered and was priced
 * @param cost           its exact cost
 */
public record AnsweredCall(String requestId, Instant at, Attribution attribution, String requestedModel,
                           String servedModel, String provider, Endpoint endpoint, Usage usage, BigDecimal cost) {
}
