package dev.bursar.ledger;

import dev.bursar.attribution.Attribution;
import dev.bursar.pricing.Usage;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One ledger row: one upstream attempt (failed attempts and retries included) or one cache hit.
 *
 * @param eventId        unique id of this row
 * @param requestId      the client request this attempt served (several attempts share it)
 * @param time           when the attempt started
 * @param requestedModel the model the client asked for
 * @param servedModel    the catalog model that answered (the price is looked up by this)
 * @param upstreamModel  the name sent to the provider
 * @param routingReason  why this model/provider was chosen ("direct", "alias", "fallback", ...)
 * @param cacheOutcome   "none", "miss", "hit_exact", "hit_semantic"
 * @param costUsd        exact cost of this attempt
 * @param savedUsd       for cache hits: what the call would have cost; else zero
 * @param costEstimated  true when the provider gave no usage and Bursar counted the tokens itself
 * @param latencyMicros  whole attempt, from sending upstream to the last byte
 * @param ttftMicros     time to first token for streams, else -1
 * @param httpStatus     status the client (or, for failed attempts, Bursar) saw for this attempt
 * @param status         "ok", "error", "client_cancelled"
 * @param errorClass     null when ok; else the provider error kind ("rate_limited", "timeout", ...)
 * @param attempt        1 for the first attempt of a request
 * @param rawUsage       the provider's own usage JSON, verbatim, so any cost can be recomputed
 * @param fingerprint    a short hash of the request's model and normalised prompt (digits and white space folded),
 *                       equal for near-identical requests: what runaway-loop alerts look for; null if none
 */
public record UsageEvent(
        String eventId,
        String requestId,
        Instant time,
        Attribution attribution,
        String requestedModel,
        String servedModel,
        String upstreamModel,
        String provider,
        String endpoint,
        String routingReason,
        String cacheOutcome,
        Usage usage,
        BigDecimal costUsd,
        BigDecimal savedUsd,
        String priceVersion,
        boolean costEstimated,
        long latencyMicros,
        long ttftMicros,
        int httpStatus,
        String status,
        String errorClass,
        int attempt,
        boolean batch,
        boolean stream,
        String rawUsage,
        String fingerprint) {
}
