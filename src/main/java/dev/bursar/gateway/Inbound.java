package dev.bursar.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.ledger.Endpoint;
import dev.bursar.wire.ClientWire;
import java.util.function.Function;

/**
 * A decoded client request.
 *
 * @param wire         the client's wire
 * @param endpoint     the endpoint it came in on (ledger and metrics label)
 * @param body         the parsed JSON body (the pipeline may change it: tags are removed before it goes upstream)
 * @param header       request header by lower-case name, null when absent
 * @param credential   the bearer token or x-api-key, null when none was sent
 * @param startedNanos System.nanoTime() when the request arrived
 */
public record Inbound(ClientWire wire, Endpoint endpoint, ObjectNode body, Function<String, String> header, String credential,
                      long startedNanos) {
}
