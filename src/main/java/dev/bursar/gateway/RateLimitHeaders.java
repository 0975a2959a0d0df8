package dev.bursar.gateway;

import dev.bursar.controls.RateLimitStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/** OpenAI's {@code x-ratelimit-*} response headers, which OpenAI clients read to pace themselves. */
final class RateLimitHeaders {
    private RateLimitHeaders() {
    }

    static Map<String, String> of(RateLimitStatus s) {
        Map<String, String> h = new LinkedHashMap<>();
        if (s == null) {
            return h;
        }
        if (s.limitRequests() >= 0) {
            h.put("x-ratelimit-limit-requests", String.valueOf(s.limitRequests()));
            h.put("x-ratelimit-remaining-requests", String.valueOf(Math.max(0, s.remainingRequests())));
            h.put("x-ratelimit-reset-requests", duration(s.resetRequestsMillis()));
        }
        if (s.limitTokens() >= 0) {
            h.put("x-ratelimit-limit-tokens", String.valueOf(s.limitTokens()));
            h.put("x-ratelimit-remaining-tokens", String.valueOf(Math.max(0, s.remainingTokens())));
            h.put("x-ratelimit-reset-tokens", duration(s.resetTokensMillis()));
        }
        return h;
    }

    /** OpenAI writes resets as durations: "1s", "6m0s", "250ms". */
    private static String duration(long millis) {
        if (millis < 1000) {
            return Math.max(0, millis) + "ms";
        }
        long s = millis / 1000;
        return s >= 60 ? (s / 60) + "m" + (s % 60) + "s" : s + "s";
    }
}
