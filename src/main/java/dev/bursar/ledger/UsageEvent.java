package dev.bursar.ledger;

import dev.bursar.attribution.Attribution;
import dev.bursar.pricing.Usage;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One ledger row: one upstream attempt (failed attempts and retries included) or one cache hit.
 *
 * @param eventId     unique id of this row
 * @param requestId   the client request this attempt served (several attempts share it)
 * @param time        when the attempt started
 * @param attribution who pays: key and tags
 * @param models      which model was asked for, which answered, and through which provider
 * @param call        how the call was made: endpoint, stream, attempt number, cache
 * @param usage       the tokens, by price class
 * @param charge      what the attempt cost, and the evidence for it
 * @param outcome     how it ended and how long it took
 */
public record UsageEvent(
        String eventId,
        String requestId,
        Instant time,
        Attribution attribution,
        Models models,
        Call call,
        Usage usage,
        Charge charge,
        Outcome outcome) {

    /**
     * @param requested     the model the client asked for
     * @param served        the catalog model that answered (the price is looked up by this)
     * @param upstream      the name sent to the provider
     * @param provider      the configured provider's name
     * @param routingReason why this model/provider was chosen ("direct", "alias", "fallback", ...)
     */
    public record Models(String requested, String served, String upstream, String provider, String routingReason) {
    }

    /**
     * @param endpoint     the client endpoint the request came in on
     * @param stream       true for a streamed answer
     * @param batch        true for a batch API call
     * @param attempt      1 for the first attempt of a request
     * @param cacheOutcome "none", "miss", "hit_exact", "hit_semantic"
     * @param fingerprint  a short hash of the request's model and normalised prompt (digits and white space folded),
     *                     equal for near-identical requests: what runaway-loop alerts look for; null if none
     * @param prefix       the request's stable prefix when it is long enough for provider prompt caching
     *                     (&ge; 1,024 tokens; uncounted the first time a process sees it), what
     *                     {@code bursar cache advise} groups by; null if none
     * @param parts        how a chat prompt's input divides (system and tools, conversation, last user message), what
     *                     {@code bursar audit prompts} reads; null for embeddings and cache hits
     */
    public record Call(Endpoint endpoint, boolean stream, boolean batch, int attempt, String cacheOutcome,
                       String fingerprint, PromptPrefix prefix, PromptParts parts) {

        /** A call without recorded prompt parts. */
        public Call(Endpoint endpoint, boolean stream, boolean batch, int attempt, String cacheOutcome,
                    String fingerprint, PromptPrefix prefix) {
            this(endpoint, stream, batch, attempt, cacheOutcome, fingerprint, prefix, null);
        }

        /** A call without a recorded prompt prefix (embeddings, short prompts, cache hits). */
        public Call(Endpoint endpoint, boolean stream, boolean batch, int attempt, String cacheOutcome,
                    String fingerprint) {
            this(endpoint, stream, batch, attempt, cacheOutcome, fingerprint, null, null);
        }
    }

    /**
     * @param costUsd      exact cost of this attempt
     * @param savedUsd     for cache hits: what the call would have cost; else zero
     * @param priceVersion the catalog version the cost was computed with
     * @param estimated    true when the provider gave no usage and Bursar counted the tokens itself
     * @param rawUsage     the provider's own usage JSON, verbatim, so any cost can be recomputed; null if none
     */
    public record Charge(BigDecimal costUsd, BigDecimal savedUsd, String priceVersion, boolean estimated,
                         String rawUsage) {
    }

    /**
     * @param httpStatus    status the client (or, for failed attempts, Bursar) saw for this attempt
     * @param status        how the attempt ended
     * @param errorClass    null when ok; else the provider error kind ("rate_limited", "timeout", ...)
     * @param latencyMicros whole attempt, from sending upstream to the last byte
     * @param ttftMicros    time to first token for streams, else -1
     */
    public record Outcome(int httpStatus, AttemptStatus status, String errorClass, long latencyMicros,
                          long ttftMicros) {
    }
}
