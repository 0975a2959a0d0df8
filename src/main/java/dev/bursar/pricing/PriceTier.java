package dev.bursar.pricing;

/** A long-context tier: a call whose whole prompt exceeds {@code aboveInputTokens} is priced entirely at {@code prices}. */
public record PriceTier(long aboveInputTokens, PriceSet prices) {
}
