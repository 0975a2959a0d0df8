package dev.bursar.alerts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * One alert as stored: fired once, open until its condition clears (or its window ends), then resolved.
 *
 * @param resolvedAt null while the alert is open; use {@link #resolved()}
 */
public record AlertRecord(
        String id,
        String rule,
        String type,
        Severity severity,
        String scope,
        String scopeValue,
        String window,
        String message,
        BigDecimal value,
        SequencedMap<String, BigDecimal> numbers,
        Instant firedAt,
        Instant resolvedAt) {

    public AlertRecord {
        numbers = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(numbers));
    }

    public boolean open() {
        return resolvedAt == null;
    }

    public Optional<Instant> resolved() {
        return Optional.ofNullable(resolvedAt);
    }

    String openKey() {
        return rule + '\u001f' + scopeValue + '\u001f' + window;
    }
}
