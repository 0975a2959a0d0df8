package dev.bursar.ledger;

import java.math.BigDecimal;

/**
 * Requests of one key with the same fingerprint (near-identical requests) in a window. Requests are counted, not
 * attempts: retries of one request share its id.
 *
 * @param keyId the virtual key's id; empty for requests made without one
 */
public record RepeatedRequests(String keyId, String fingerprint, long requests, BigDecimal costUsd) {
}
