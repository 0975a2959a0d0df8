package dev.bursar.gateway;

import dev.bursar.attribution.Attribution;
import dev.bursar.ledger.Endpoint;
import dev.bursar.ledger.PromptParts;
import dev.bursar.ledger.PromptPrefix;
import dev.bursar.routing.Route;
import java.time.Instant;

/** One upstream attempt of a client request: what the ledger row is about ({@code cacheOutcome}: miss or off). */
record Attempt(String requestId, int number, Instant startedAt, long startedNanos, Attribution attribution, Route route,
               Endpoint endpoint, boolean stream, String fingerprint, String cacheOutcome, PromptPrefix prefix,
               PromptParts.Counted parts, BatchCall batch) {

    /** An attempt of a client's own call (not a batch line). */
    Attempt(String requestId, int number, Instant startedAt, long startedNanos, Attribution attribution, Route route,
            Endpoint endpoint, boolean stream, String fingerprint, String cacheOutcome, PromptPrefix prefix,
            PromptParts.Counted parts) {
        this(requestId, number, startedAt, startedNanos, attribution, route, endpoint, stream, fingerprint, cacheOutcome,
                prefix, parts, null);
    }

    /** An attempt without a prompt prefix to record (a cache hit: no provider was asked). */
    Attempt(String requestId, int number, Instant startedAt, long startedNanos, Attribution attribution, Route route,
            Endpoint endpoint, boolean stream, String fingerprint, String cacheOutcome) {
        this(requestId, number, startedAt, startedNanos, attribution, route, endpoint, stream, fingerprint, cacheOutcome,
                null, null);
    }

    long elapsedMicros() {
        return (System.nanoTime() - startedNanos) / 1_000;
    }
}
