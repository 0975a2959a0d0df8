package dev.bursar.controls;

/**
 * The tightest rate limit that applied to a call, for the {@code x-ratelimit-*} headers OpenAI clients read.
 * Fields are -1 when no such limit applies. Resets are in milliseconds.
 */
public record RateLimitStatus(long limitRequests, long remainingRequests, long resetRequestsMillis,
                              long limitTokens, long remainingTokens, long resetTokensMillis) {

    public static final RateLimitStatus NONE = new RateLimitStatus(-1, -1, -1, -1, -1, -1);
}
