package dev.bursar.providers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.wire.ClientWire;
import java.time.Duration;
import java.util.Map;

/**
 * One upstream attempt as a provider adapter receives it.
 *
 * @param wire          the client's wire; {@code body} is in it, and the reply must be in it too
 * @param body          the client's request JSON (a private copy the adapter may change); unknown fields must
 *                      survive when the provider speaks the same wire
 * @param upstreamModel the model name to send to the provider (replaces {@code body.model})
 * @param timeouts      the provider's bounds on each phase of the attempt (connect, first token, between events, total)
 * @param hints         free-form per-request hints, e.g. {@code sim-fault} for the sim provider
 */
public record ChatCall(ClientWire wire, ObjectNode body, String upstreamModel, Timeouts timeouts, Map<String, String> hints) {

    public ChatCall {
        hints = Map.copyOf(hints);
    }

    /** One bound for every phase but connect, as the single provider {@code timeout} was. */
    public ChatCall(ClientWire wire, ObjectNode body, String upstreamModel, Duration timeout, Map<String, String> hints) {
        this(wire, body, upstreamModel, Timeouts.whole(timeout), hints);
    }

    /** The W3C trace-context hints ({@code traceparent}, {@code tracestate}) adapters send upstream as headers. */
    public static final java.util.List<String> TRACE_HEADERS = java.util.List.of("traceparent", "tracestate");

    /**
     * {@code headers} plus the attempt's trace context when telemetry gave it one (the attempt's span becomes the
     * upstream request's parent); {@code headers} itself when there is none.
     */
    public Map<String, String> withTraceHeaders(Map<String, String> headers) {
        if (hints.isEmpty() || !hints.containsKey("traceparent")) {
            return headers;
        }
        Map<String, String> out = new java.util.HashMap<>(headers);
        for (String h : TRACE_HEADERS) {
            String v = hints.get(h);
            if (v != null && !v.isEmpty()) {
                out.put(h, v);
            }
        }
        return out;
    }

    /** The request asked for a stream ({@code "stream": true}). */
    public boolean stream() {
        return body.path("stream").asBoolean(false);
    }
}
