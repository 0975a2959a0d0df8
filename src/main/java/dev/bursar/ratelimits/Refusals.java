package dev.bursar.ratelimits;

import dev.bursar.config.RateLimitConfig;
import dev.bursar.controls.RateLimitStatus;
import dev.bursar.controls.SpendRefused;
import java.util.List;

/** Turns a refused admission into the SpendRefused the gateway answers with (429 and retry-after). */
final class Refusals {

    private Refusals() {
    }

    /**
     * Of the rules that are over, the one that frees up last is named, with its retry-after: retrying earlier would
     * be refused again. A call asking more tokens than a tpm limit can never pass and says so.
     */
    static SpendRefused refusal(RateLimitControl.Applicable applicable, Verdict.Refused refused, long tokens) {
        List<LimitCheck> checks = applicable.checks();
        RateLimitStatus status = Statuses.whenRefused(checks, refused.counters());
        int worst = -1;
        String worstKind = null;
        long worstRetry = -1;
        for (int i = 0; i < checks.size(); i++) {
            LimitCheck check = checks.get(i);
            SlotCounts counts = refused.counters().get(check.counter());
            if (check.rpm() >= 0 && counts.usedRequests() + 1 > check.rpm()) {
                long retry = counts.retryAfterMillis(true, 1, check.rpm());
                if (worst < 0 || retry > worstRetry) {
                    worst = i;
                    worstKind = "requests";
                    worstRetry = retry;
                }
            }
            if (check.tpm() >= 0 && counts.usedTokens() + tokens > check.tpm()) {
                long retry = counts.retryAfterMillis(false, tokens, check.tpm());
                if (tokens > check.tpm()) {
                    return tooLarge(applicable, i, tokens, status);
                }
                if (worst < 0 || retry > worstRetry) {
                    worst = i;
                    worstKind = "tokens";
                    worstRetry = retry;
                }
            }
        }
        if (worst < 0) {
            throw new IllegalStateException("the rate limiter refused a call no rule is over; counters changed between reads");
        }
        RateLimitConfig rule = applicable.rules().get(worst);
        long limit = worstKind.equals("requests") ? checks.get(worst).rpm() : checks.get(worst).tpm();
        String value = applicable.values().get(worst);
        return new SpendRefused(
                new SpendRefused.Reason.RateLimited(worstKind, rule.scope(), value, limit, worstRetry, status),
                "rate limit reached: " + limit + " " + worstKind + " per minute for " + rule.scope() + " " + value
                        + "; retry after " + seconds(worstRetry) + " s");
    }

    private static SpendRefused tooLarge(RateLimitControl.Applicable applicable, int i, long tokens, RateLimitStatus status) {
        RateLimitConfig rule = applicable.rules().get(i);
        long limit = applicable.checks().get(i).tpm();
        return new SpendRefused(
                new SpendRefused.Reason.RateLimited("tokens", rule.scope(), applicable.values().get(i), limit, SlidingWindow.WINDOW_MILLIS, status),
                "request too large: it may use " + tokens + " tokens (prompt + max_tokens) but " + rule.scope() + " "
                        + applicable.values().get(i) + " is limited to " + limit
                        + " tokens per minute; lower max_tokens or shorten the prompt");
    }

    private static String seconds(long millis) {
        return Long.toString((millis + 999) / 1000);
    }
}
