package dev.bursar.pricing;

import java.math.BigDecimal;

/**
 * The price a token class is billed at, resolved once at load.
 *
 * @param fallbackNote empty when the class has its own price; otherwise says which price stood in for it
 */
record Rate(BigDecimal usdPerMillion, String fallbackNote) {
    boolean isFallback() {
        return !fallbackNote.isEmpty();
    }
}
