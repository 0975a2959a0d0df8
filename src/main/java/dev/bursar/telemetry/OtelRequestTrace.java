package dev.bursar.telemetry;

import dev.bursar.attribution.Attribution;
import dev.bursar.pricing.Usage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One client request's span. Its GenAI attributes are the answering attempt's (the model that answered, its tokens
 * and finish reason); {@code bursar.cost_usd} is what every attempt of the request cost together, failed ones
 * included, as the ledger books it.
 */
final class OtelRequestTrace implements RequestTrace {

    private final OtelTelemetry telemetry;
    private final Span span;
    private final RequestStart start;
    private final List<OtelAttemptTrace> attempts = new ArrayList<>(2);
    private boolean attributed;

    OtelRequestTrace(OtelTelemetry telemetry, Span span, RequestStart start) {
        this.telemetry = telemetry;
        this.span = span;
        this.start = start;
    }

    @Override
    public synchronized AttemptTrace attempt(AttemptStart a) {
        attribute(a.attribution());
        OtelAttemptTrace trace = telemetry.attempt(span, start, a);
        attempts.add(trace);
        return trace;
    }

    @Override
    public synchronized void cacheHit(AttemptStart a, String outcome, BigDecimal savedUsd, String servedModel) {
        attribute(a.attribution());
        // No provider was asked and nothing was paid: the billable usage is zero.
        span.setAttribute(GenAi.PROVIDER, telemetry.genAiProvider(a.provider()));
        span.setAttribute(GenAi.RESPONSE_MODEL, servedModel);
        span.setAttribute(GenAi.BURSAR_CACHE, outcome);
        span.setAttribute(GenAi.BURSAR_SAVED, savedUsd.toPlainString());
        span.setAttribute(GenAi.BURSAR_COST, "0");
        Usages.put(span, Usage.ZERO);
    }

    private void attribute(Attribution who) {
        if (attributed || who == null) {
            return;
        }
        attributed = true;
        put(GenAi.BURSAR_KEY_ID, who.keyId());
        put(GenAi.BURSAR_CUSTOMER, who.customer());
        put(GenAi.BURSAR_USER, who.user());
        put(GenAi.BURSAR_TEAM, who.team());
        put(GenAi.BURSAR_FEATURE, who.feature());
        put(GenAi.BURSAR_ENVIRONMENT, who.environment());
        put(GenAi.BURSAR_PROMPT_VERSION, who.promptVersion());
    }

    private void put(AttributeKey<String> key, String value) {
        if (value != null && !value.isEmpty()) {
            span.setAttribute(key, value);
        }
    }

    @Override
    public synchronized void end(int status, String errorType) {
        span.setAttribute(GenAi.HTTP_STATUS, (long) status);
        if (!attempts.isEmpty()) {
            BigDecimal cost = BigDecimal.ZERO;
            OtelAttemptTrace last = attempts.get(attempts.size() - 1);
            for (OtelAttemptTrace a : attempts) {
                Settled s = a.outcome();
                if (s != null) {
                    cost = cost.add(s.costUsd());
                }
            }
            span.setAttribute(GenAi.BURSAR_ATTEMPTS, (long) attempts.size());
            span.setAttribute(GenAi.BURSAR_COST, cost.toPlainString());
            span.setAttribute(GenAi.PROVIDER, last.provider());
            span.setAttribute(GenAi.RESPONSE_MODEL, last.responseModel());
            Settled answer = last.outcome();
            if (answer != null) {
                Usages.put(span, answer.usage());
                if (answer.finishReasons() != null && !answer.finishReasons().isBlank()) {
                    span.setAttribute(GenAi.FINISH_REASONS, List.of(answer.finishReasons()));
                }
                if (errorType == null && answer.errorType() != null) {
                    // A stream cut after it reached the client: the client got 200 and then an error event.
                    errorType = answer.errorType();
                }
            }
        }
        if (errorType == null && status >= 400 && status != 499) {
            errorType = Integer.toString(status);
        }
        if (errorType != null) {
            span.setAttribute(GenAi.ERROR_TYPE, errorType);
            span.setStatus(StatusCode.ERROR, errorType);
        }
        span.end();
    }
}
