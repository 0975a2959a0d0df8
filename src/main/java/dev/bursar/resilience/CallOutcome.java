package dev.bursar.resilience;

import dev.bursar.providers.ProviderError;

/** What one upstream attempt says about its provider's health. */
public enum CallOutcome {
    /** The provider answered (a client that left mid-answer included: the provider was fine). */
    SUCCESS,
    /** A provider-side failure: 5xx, timeout, connection error, cut stream or unreadable answer, 429. */
    FAILURE,
    /**
     * A refusal of this request (400, 404, 401/403...): the provider is up and says no to what it was sent. Counting
     * it as a failure would let one client's bad requests cut every client off; counting it as a success would let
     * them hide an outage. So it counts as neither.
     */
    IGNORED;

    /**
     * The one place that decides which errors are the provider's fault (the candidate loop's fallback decision builds
     * on it); a new error variant must be decided here.
     */
    public static CallOutcome of(ProviderError error) {
        return switch (error) {
            case ProviderError.Upstream5xx e -> FAILURE;
            case ProviderError.Timeout e -> FAILURE;
            case ProviderError.Malformed e -> FAILURE;
            case ProviderError.RateLimited e -> FAILURE;
            case ProviderError.BadRequest e -> IGNORED;
            case ProviderError.NotFound e -> IGNORED;
            case ProviderError.Unauthorized e -> IGNORED;
        };
    }
}
