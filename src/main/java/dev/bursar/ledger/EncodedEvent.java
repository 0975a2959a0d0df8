package dev.bursar.ledger;

import dev.bursar.pricing.Money;
import java.math.BigDecimal;

/**
 * An event checked and prepared for storage, including its contribution to the roll-ups. The rules that turn a row
 * into requests / attempts / failed attempts live here and nowhere else:
 * a request is an answered client call (status ok, cache hits included, or client_cancelled, whose cost is real);
 * an attempt is any upstream call (everything but a cache hit); a failed attempt has status error.
 */
record EncodedEvent(
        UsageEvent event,
        long timeMicros,
        BigDecimal cost,
        BigDecimal saved,
        BigDecimal failedCost,
        int requests,
        int attempts,
        int failedAttempts) {

    static EncodedEvent of(UsageEvent e) {
        require(e.eventId(), "eventId");
        require(e.requestId(), "requestId");
        if (e.time() == null || e.time().getEpochSecond() < 0) {
            throw new IllegalArgumentException("event " + e.eventId() + ": time is required and must be after 1970");
        }
        if (e.usage() == null || e.attribution() == null) {
            throw new IllegalArgumentException("event " + e.eventId() + ": usage and attribution are required (use Usage.ZERO / Attribution.NONE)");
        }
        if (e.models() == null || e.call() == null || e.charge() == null || e.outcome() == null) {
            throw new IllegalArgumentException("event " + e.eventId() + ": models, call, charge and outcome are required");
        }
        if (e.outcome().status() == null) {
            throw new IllegalArgumentException("event " + e.eventId() + ": status is required");
        }
        BigDecimal cost = Money.exact(e.charge().costUsd(), "event " + e.eventId() + " costUsd");
        BigDecimal saved = e.charge().savedUsd() == null ? Money.ZERO
                : Money.exact(e.charge().savedUsd(), "event " + e.eventId() + " savedUsd");
        String cacheOutcome = e.call().cacheOutcome();
        boolean cacheHit = cacheOutcome != null && cacheOutcome.startsWith("hit");
        boolean failed = e.outcome().status() == AttemptStatus.ERROR;
        long micros = Math.addExact(Math.multiplyExact(e.time().getEpochSecond(), 1_000_000L), e.time().getNano() / 1_000);
        return new EncodedEvent(e, micros, cost, saved, failed ? cost : Money.ZERO,
                failed ? 0 : 1, cacheHit ? 0 : 1, failed ? 1 : 0);
    }

    private static void require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("usage event " + what + " is required");
        }
    }
}
