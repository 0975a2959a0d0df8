package dev.bursar.ledger;

import java.math.BigDecimal;

/** Spend of one value of a scope (customer "acme", key "k-1", ...) over a window. */
public record ScopeSpend(String value, BigDecimal costUsd) {
}
