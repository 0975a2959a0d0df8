package dev.bursar.ratelimits;

import java.util.List;

/** What a {@link RateLimiter} answered for one admission. */
sealed interface Verdict {

    /** Taken from every counter; totals per counter include this call. */
    record Admitted(long slot, List<Totals> totals) implements Verdict {
    }

    /** Nothing taken; the counters' live slots as they were, to say when to retry. */
    record Refused(List<SlotCounts> counters) implements Verdict {
    }

    /** The store is down and the limiter fails open: let the call through, counting nothing. */
    record Uncounted() implements Verdict {
    }

    record Totals(long requests, long tokens) {
    }
}
