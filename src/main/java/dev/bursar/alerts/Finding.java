package dev.bursar.alerts;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.SequencedMap;

/**
 * A condition a rule found to hold now. {@code (rule, scopeValue, window)} identifies the alert: while a finding with
 * the same three keeps being found the alert stays open and is delivered once.
 *
 * @param rule       the rule's configured name
 * @param type       the rule type ("spend-above", "budget-threshold", ...)
 * @param scope      what the scope value names ("customer", "key", "global", ...)
 * @param scopeValue which one ("acme"); never null
 * @param window     the window instance ("day 2026-03-10", "last 10m"); never null
 * @param value      the measured number the rule compares (spend in USD, failure percent, count, ...)
 * @param numbers    every number worth showing, in display order, exact (value and threshold included)
 */
public record Finding(
        String rule,
        String type,
        Severity severity,
        String scope,
        String scopeValue,
        String window,
        String message,
        BigDecimal value,
        SequencedMap<String, BigDecimal> numbers) {

    public Finding {
        numbers = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(numbers));
    }

    /** The de-duplication key; unit separators keep "a|b" + "c" apart from "a" + "b|c". */
    String openKey() {
        return rule + '\u001f' + scopeValue + '\u001f' + window;
    }
}
