package dev.bursar.httpclient;

import java.net.SocketTimeoutException;

/** A call ran out of time in a known phase: opening the connection, waiting for the head, or reading the body. */
public final class PhaseTimeoutException extends SocketTimeoutException {

    /** Where the call was when its time ran out. */
    public enum Phase { CONNECT, HEAD, BODY }

    private final Phase phase;

    public PhaseTimeoutException(Phase phase, String message) {
        super(message);
        this.phase = phase;
    }

    public Phase phase() {
        return phase;
    }
}
