package dev.bursar.ratelimits;

import java.util.Arrays;

/**
 * One counter's live slots at a moment: requests and tokens per slot, oldest first ({@code firstSlot} is
 * {@link SlidingWindow#oldestLiveSlot}). Used to say when a refused call can be retried and when the window resets.
 */
record SlotCounts(long nowMillis, long firstSlot, long[] requests, long[] tokens) {

    static SlotCounts empty(long nowMillis) {
        return new SlotCounts(nowMillis, SlidingWindow.oldestLiveSlot(nowMillis),
                new long[SlidingWindow.SLOTS + 1], new long[SlidingWindow.SLOTS + 1]);
    }

    /** Adds {@code n} to a slot; slots newer than now (a clock that went back) count as the newest. */
    void add(long slot, boolean isRequests, long n) {
        int i = (int) Math.min(slot - firstSlot, SlidingWindow.SLOTS);
        if (i >= 0) {
            (isRequests ? requests : tokens)[i] += n;
        }
    }

    long usedRequests() {
        return Arrays.stream(requests).sum();
    }

    long usedTokens() {
        return Arrays.stream(tokens).sum();
    }

    /** Milliseconds until {@code amount} more fits under {@code limit}; -1 when it never can (amount > limit). */
    long retryAfterMillis(boolean isRequests, long amount, long limit) {
        if (amount > limit) {
            return -1;
        }
        long[] series = isRequests ? requests : tokens;
        long mustFree = Arrays.stream(series).sum() + amount - limit;
        long freed = 0;
        for (int i = 0; i < series.length && mustFree > 0; i++) {
            freed += series[i];
            if (freed >= mustFree) {
                return SlidingWindow.millisUntilExpiry(firstSlot + i, nowMillis);
            }
        }
        return 0;
    }

    /** Milliseconds until nothing counted here counts any more (OpenAI's "resets to its initial state"). */
    long resetMillis(boolean isRequests) {
        long[] series = isRequests ? requests : tokens;
        for (int i = series.length - 1; i >= 0; i--) {
            if (series[i] > 0) {
                return SlidingWindow.millisUntilExpiry(firstSlot + i, nowMillis);
            }
        }
        return 0;
    }
}
