package dev.bursar.gateway;

import dev.bursar.attribution.Attribution;
import dev.bursar.ledger.Endpoint;
import dev.bursar.ledger.PromptParts;
import dev.bursar.ledger.PromptPrefix;
import dev.bursar.routing.Route;
import dev.bursar.telemetry.AttemptTrace;
import dev.bursar.telemetry.Telemetry;
import java.time.Instant;

/** One upstream attempt of a client request: what the ledger row is about ({@code cacheOutcome}: miss or off). */
record Attempt(String requestId, int number, Instant startedAt, long startedNanos, Attribution attribution, Route route,
               Endpoint endpoint, boolean stream, String fingerprint, String cacheOutcome, PromptPrefix prefix,
               PromptParts.Counted parts, AttemptTrace trace, BatchCall batch) {

    /** An attempt of a client's own call (not a batch line). */
    Attempt(String requestId, int number, Instant startedAt, long startedNanos, Attribution attribution, Route route,
            Endpoint endpoint, boolean stream, String fingerprint, String cacheOutcome, PromptPrefix prefix,
            PromptParts.Counted parts, AttemptTrace trace) {
        this(requestId, number, startedAt, startedNanos, attribution, route, endpoint, stream, fingerprint, cacheOutcome,
                prefix, parts, trace, null);
    }

    /** An attempt without a prompt prefix to record (a cache hit: no provider was asked). */
    Attempt(String requestId, int number, Instant startedAt, long startedNanos, Attribution attribution, Route route,
            Endpoint endpoint, boolean stream, String fingerprint, String cacheOutcome) {
        this(requestId, number, startedAt, startedNanos, attribution, route, endpoint, stream, fingerprint, cacheOutcome,
                null, null, NO_TRACE);
    }

    /** A cache hit's attempt has no span of its own: the request's span says it was a hit. */
    private static final AttemptTrace NO_TRACE = Telemetry.off().request(null, null).attempt(null);

    long elapsedMicros() {
        return (System.nanoTime() - startedNanos) / 1_000;
    }
}
