package dev.bursar.telemetry;

/**
 * What is known of a client request when it arrives.
 *
 * @param requestId      Bursar's request id ({@code X-Bursar-Request-Id})
 * @param operation      the GenAI operation: {@code chat} or {@code embeddings}
 * @param requestedModel the model named in the body (may be null or not served)
 * @param stream         whether the client asked for a stream
 */
public record RequestStart(String requestId, String operation, String requestedModel, boolean stream) {
}
