package dev.bursar.ratelimits;

import dev.bursar.controls.RateLimitStatus;
import java.util.List;

/** The x-ratelimit-* numbers: for requests and for tokens separately, the applicable limit with least remaining. */
final class Statuses {

    private Statuses() {
    }

    /** After an admission every counter holds this call in the current slot, so windows reset a minute from it. */
    static RateLimitStatus afterAdmission(List<LimitCheck> checks, Verdict.Admitted admitted, long nowMillis) {
        long reset = SlidingWindow.millisUntilExpiry(admitted.slot(), nowMillis);
        Tightest requests = new Tightest();
        Tightest tokens = new Tightest();
        for (LimitCheck check : checks) {
            Verdict.Totals totals = admitted.totals().get(check.counter());
            requests.offer(check.rpm(), totals.requests(), reset);
            tokens.offer(check.tpm(), totals.tokens(), totals.tokens() > 0 ? reset : 0);
        }
        return status(requests, tokens);
    }

    /** Before a refused admission: nothing was taken, resets come from the live slots. */
    static RateLimitStatus whenRefused(List<LimitCheck> checks, List<SlotCounts> counters) {
        Tightest requests = new Tightest();
        Tightest tokens = new Tightest();
        for (LimitCheck check : checks) {
            SlotCounts counts = counters.get(check.counter());
            requests.offer(check.rpm(), counts.usedRequests(), counts.resetMillis(true));
            tokens.offer(check.tpm(), counts.usedTokens(), counts.resetMillis(false));
        }
        return status(requests, tokens);
    }

    private static RateLimitStatus status(Tightest requests, Tightest tokens) {
        return new RateLimitStatus(requests.limit, requests.remaining, requests.reset,
                tokens.limit, tokens.remaining, tokens.reset);
    }

    /** Least remaining wins; on a tie the smaller limit, as it empties faster. */
    private static final class Tightest {
        long limit = -1;
        long remaining = -1;
        long reset = -1;

        void offer(long candidateLimit, long used, long resetMillis) {
            if (candidateLimit < 0) {
                return;
            }
            long left = Math.max(0, candidateLimit - used);
            if (limit < 0 || left < remaining || (left == remaining && candidateLimit < limit)) {
                limit = candidateLimit;
                remaining = left;
                reset = resetMillis;
            }
        }
    }
}
