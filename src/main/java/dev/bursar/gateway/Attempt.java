package dev.bursar.gateway;

import dev.bursar.attribution.Attribution;
import dev.bursar.ledger.Endpoint;
import dev.bursar.routing.Route;
import java.time.Instant;

/** One upstream attempt of a client request: what the ledger row is about ({@code cacheOutcome}: miss or off). */
record Attempt(String requestId, int number, Instant startedAt, long startedNanos, Attribution attribution, Route route,
               Endpoint endpoint, boolean stream, String fingerprint, String cacheOutcome) {

    long elapsedMicros() {
        return (System.nanoTime() - startedNanos) / 1_000;
    }
}
