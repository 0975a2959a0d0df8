package dev.bursar.capture;

import dev.bursar.ledger.Endpoint;
import dev.bursar.wire.ClientWire;
import java.time.Instant;

/**
 * One stored capture: the request's body as JSON text, already redacted, keyed by the ledger's request id.
 *
 * @param at when the request was answered (UTC, microseconds)
 */
public record CapturedRequest(String requestId, Instant at, ClientWire wire, Endpoint endpoint, String body) {
}
