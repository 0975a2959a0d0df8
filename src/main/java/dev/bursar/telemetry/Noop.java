package dev.bursar.telemetry;

import java.math.BigDecimal;
import java.util.Map;
import java.util.function.Function;

/** Telemetry off: every hook does nothing and allocates nothing. */
final class Noop implements Telemetry, RequestTrace, AttemptTrace {

    static final Noop TELEMETRY = new Noop();

    private Noop() {
    }

    @Override
    public RequestTrace request(RequestStart start, Function<String, String> header) {
        return this;
    }

    @Override
    public void close() {
    }

    @Override
    public AttemptTrace attempt(AttemptStart start) {
        return this;
    }

    @Override
    public void cacheHit(AttemptStart start, String outcome, BigDecimal savedUsd, String servedModel) {
    }

    @Override
    public void end(int status, String errorType) {
    }

    @Override
    public void settled(Settled settled) {
    }

    @Override
    public void end() {
    }

    @Override
    public Map<String, String> upstreamHeaders() {
        return Map.of();
    }
}
