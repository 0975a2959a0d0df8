package dev.bursar.ratelimits;

/**
 * The window every limit is counted over, and why it holds exactly.
 *
 * <p>A minute is cut into {@link #SLOTS} slots of {@link #SLOT_MILLIS}; a call is counted in the slot it was admitted
 * in, and an admission sums the current slot and the {@code SLOTS} before it. Those slots cover at least the last
 * 60 seconds, so over ANY 60-second span no client gets more than the limit (the last call admitted in the span saw
 * every earlier one of it). The approximation is on the safe side only: a call keeps counting for up to 61 seconds,
 * so a refused client waits at most one slot (1 s) longer than a perfect sliding log would make it wait.
 *
 * <p>Why not the others: the two-fixed-windows estimate (Cloudflare's weighted previous minute) assumes the previous
 * minute was spread evenly and lets a client that bursts at a minute's end get up to twice the limit in one
 * 60-second span; a token bucket / GCRA refills while the burst is spent and allows up to twice the limit in a span
 * too. A sliding log is exact but keeps one entry per call. Sixty-one counters per limited value are exact enough,
 * small, and cheap to sum in process and in a Redis Lua script.
 */
final class SlidingWindow {

    static final long SLOT_MILLIS = 1_000;
    static final int SLOTS = 60;
    static final long WINDOW_MILLIS = SLOT_MILLIS * SLOTS;
    /** Counters of finished windows expire after this (one slot of slack past the last one that still counts). */
    static final long TTL_MILLIS = SLOT_MILLIS * (SLOTS + 2);

    private SlidingWindow() {
    }

    static long slotAt(long epochMillis) {
        return Math.floorDiv(epochMillis, SLOT_MILLIS);
    }

    /** The oldest slot that still counts at {@code nowMillis}. */
    static long oldestLiveSlot(long nowMillis) {
        return slotAt(nowMillis) - SLOTS;
    }

    /** Milliseconds from {@code nowMillis} until what was counted in {@code slot} stops counting. */
    static long millisUntilExpiry(long slot, long nowMillis) {
        return Math.max(1, (slot + SLOTS + 1) * SLOT_MILLIS - nowMillis);
    }
}
