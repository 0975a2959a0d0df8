package dev.bursar.telemetry;

import java.math.BigDecimal;

/** The span of one client request. Used by the request's own thread only. */
public interface RequestTrace {

    /** Starts the child span of one provider attempt. */
    AttemptTrace attempt(AttemptStart start);

    /** The request was answered from Bursar's cache: no provider attempt, nothing paid, {@code savedUsd} saved. */
    void cacheHit(AttemptStart start, String outcome, BigDecimal savedUsd, String servedModel);

    /**
     * Ends the span: {@code status} is the HTTP status the client got, {@code errorType} what went wrong when it
     * was not answered (the error code of the client's error), or null.
     */
    void end(int status, String errorType);
}
