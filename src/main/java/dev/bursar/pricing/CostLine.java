package dev.bursar.pricing;

import java.math.BigDecimal;

/** One priced token class of a call: {@code usd = tokens × usdPerMillion / 1,000,000}, exact. */
public record CostLine(String tokenClass, long tokens, BigDecimal usdPerMillion, BigDecimal usd) {
}
