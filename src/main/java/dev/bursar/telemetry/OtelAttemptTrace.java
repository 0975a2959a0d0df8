package dev.bursar.telemetry;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.SpanContext;
import java.util.List;
import java.util.Map;

/** One provider attempt's span; its GenAI metrics are recorded when it ends. */
final class OtelAttemptTrace implements AttemptTrace {

    private final Span span;
    private final GenAiMetrics metrics;
    private final String operation;
    private final String provider;
    private final String requestModel;
    private final long startedNanos = System.nanoTime();
    private Settled settled;
    private boolean ended;

    OtelAttemptTrace(Span span, GenAiMetrics metrics, String operation, String provider, String requestModel) {
        this.span = span;
        this.metrics = metrics;
        this.operation = operation;
        this.provider = provider;
        this.requestModel = requestModel;
    }

    @Override
    public synchronized void settled(Settled s) {
        settled = s;
        span.setAttribute(GenAi.RESPONSE_MODEL, responseModel());
        span.setAttribute(GenAi.BURSAR_COST, s.costUsd().toPlainString());
        span.setAttribute(GenAi.HTTP_STATUS, (long) s.httpStatus());
        Usages.put(span, s.usage());
        if (s.finishReasons() != null && !s.finishReasons().isBlank()) {
            span.setAttribute(GenAi.FINISH_REASONS, List.of(s.finishReasons()));
        }
        if (s.errorType() != null) {
            span.setAttribute(GenAi.ERROR_TYPE, s.errorType());
            span.setStatus(StatusCode.ERROR, s.errorType());
        }
    }

    /** The settled outcome, or null while the attempt runs (or when it ended without being booked: a bug upstream). */
    synchronized Settled outcome() {
        return settled;
    }

    String responseModel() {
        return settled != null && settled.responseModel() != null && !settled.responseModel().isBlank()
                ? settled.responseModel() : requestModel;
    }

    String provider() {
        return provider;
    }

    @Override
    public synchronized void end() {
        if (ended) {
            return;
        }
        ended = true;
        if (settled == null) {
            // Bursar's own failure between the call and the booking: the attempt span still says it failed.
            span.setAttribute(GenAi.ERROR_TYPE, "_OTHER");
            span.setStatus(StatusCode.ERROR, "attempt ended without an outcome");
        }
        span.end();
        long input = settled == null ? 0 : settled.usage().inputTokens();
        long output = settled == null ? 0 : settled.usage().outputTokens();
        boolean hasUsage = settled != null && settled.usage().totalTokens() > 0;
        metrics.record(new GenAiMetrics.Key(operation, provider, requestModel, responseModel(),
                        settled == null ? "_OTHER" : settled.errorType()), input, output, hasUsage,
                (System.nanoTime() - startedNanos) / 1e9);
    }

    @Override
    public Map<String, String> upstreamHeaders() {
        // W3C trace context, version 00: the attempt's span is the upstream request's parent.
        SpanContext c = span.getSpanContext();
        String parent = "00-" + c.getTraceId() + "-" + c.getSpanId() + "-" + c.getTraceFlags().asHex();
        String state = c.getTraceState().isEmpty() ? null : W3CTraceStates.encode(c.getTraceState());
        return state == null ? Map.of("traceparent", parent) : Map.of("traceparent", parent, "tracestate", state);
    }

}
