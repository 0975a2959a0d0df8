package dev.bursar.telemetry;

import io.opentelemetry.api.trace.TraceState;

/** A trace state in the W3C {@code tracestate} header's form: {@code key=value} pairs joined by commas. */
final class W3CTraceStates {

    private W3CTraceStates() {
    }

    static String encode(TraceState state) {
        StringBuilder sb = new StringBuilder();
        state.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(k).append('=').append(v);
        });
        return sb.toString();
    }
}
