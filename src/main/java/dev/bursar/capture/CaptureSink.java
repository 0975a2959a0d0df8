package dev.bursar.capture;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.ledger.Endpoint;
import dev.bursar.wire.ClientWire;
import java.time.Instant;

/** Where the request path hands an answered request's body for capture. Never blocks, never throws. */
public interface CaptureSink {

    /**
     * Queues the body of an answered request; it is redacted and stored off the request path. {@code body} must no
     * longer change once handed over (the request is done with it).
     */
    void offer(String requestId, Instant at, ClientWire wire, Endpoint endpoint, ObjectNode body);

    /** Capture off: nothing is kept. */
    static CaptureSink none() {
        return (requestId, at, wire, endpoint, body) -> { };
    }
}
