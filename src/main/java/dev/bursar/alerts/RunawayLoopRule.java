package dev.bursar.alerts;

import dev.bursar.ledger.RepeatedRequests;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * One key sending near-identical requests (same fingerprint) more than {@code count} times in the last
 * {@code minutes}. Requests are counted, not attempts: retries of one request share its fingerprint and are a
 * failure-rate matter, not a loop.
 */
record RunawayLoopRule(String name, int count, int minutes) implements AlertRule {

    static final String NO_KEY = "(no key)";

    @Override
    public List<Finding> evaluate(RuleContext ctx) {
        return ctx.ledger().repeatedRequests(ctx.last(Duration.ofMinutes(minutes)), count).stream()
                .map(this::finding)
                .toList();
    }

    private Finding finding(RepeatedRequests r) {
        String key = r.keyId().isEmpty() ? NO_KEY : r.keyId();
        var numbers = new LinkedHashMap<String, BigDecimal>();
        numbers.put("requests", BigDecimal.valueOf(r.requests()));
        numbers.put("threshold_count", BigDecimal.valueOf(count));
        numbers.put("spend_usd", r.costUsd());
        // The fingerprint is part of the scope value: one key looping on two prompts is two loops.
        return new Finding(name, "runaway-loop", Severity.CRITICAL, "key", key + " fingerprint " + r.fingerprint(),
                "last " + minutes + "m", "Key " + key + " sent " + r.requests() + " near-identical requests (fingerprint "
                + r.fingerprint() + ") in the last " + minutes + " minutes, costing $" + Ratios.usd(r.costUsd()),
                BigDecimal.valueOf(r.requests()), numbers);
    }
}
