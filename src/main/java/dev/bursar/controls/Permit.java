package dev.bursar.controls;

/**
 * Admission to call a provider: the reservations held against budgets and rate-limit windows, to be settled exactly
 * once with {@link SpendControl#settle}. {@code handle} is the implementation's own state.
 */
public record Permit(String id, Object handle, RateLimitStatus rateLimits) {
}
