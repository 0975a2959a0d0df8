package dev.bursar.telemetry;

import java.util.Map;

/** The span of one provider attempt. */
public interface AttemptTrace {

    /** Records how the attempt was booked: usage, exact cost, outcome. Called once, from the settlement. */
    void settled(Settled settled);

    /** Ends the span (after the whole answer, or the stream's last event, reached the client). */
    void end();

    /** The W3C trace-context headers naming this attempt's span, for the upstream request; empty when off. */
    Map<String, String> upstreamHeaders();
}
