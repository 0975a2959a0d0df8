package dev.bursar.ratelimits;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Rate-limit counters in this process's memory: right for one gateway, wrong for several (each would allow the full
 * limit). One lock makes a multi-counter admission all or nothing; it is held for a few hundred nanoseconds.
 */
public final class InProcessRateLimiter implements RateLimiter {

    private static final int RING = SlidingWindow.SLOTS + 1;

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Ring> counters = new HashMap<>();
    private long nextSweepSlot = Long.MIN_VALUE;

    public InProcessRateLimiter() {
    }

    @Override
    public Verdict take(List<String> names, List<LimitCheck> checks, long tokens, long nowMillis) {
        long slot = SlidingWindow.slotAt(nowMillis);
        lock.lock();
        try {
            sweepIfDue(slot);
            List<Ring> rings = new ArrayList<>(names.size());
            for (String name : names) {
                rings.add(counters.computeIfAbsent(name, n -> new Ring()));
            }
            for (LimitCheck check : checks) {
                Ring ring = rings.get(check.counter());
                if (check.over(ring.sum(ring.requests, slot), ring.sum(ring.tokens, slot), tokens)) {
                    return new Verdict.Refused(rings.stream().map(r -> r.snapshot(nowMillis)).toList());
                }
            }
            List<Verdict.Totals> totals = new ArrayList<>(rings.size());
            for (Ring ring : rings) {
                int i = ring.slotIndex(slot);
                ring.requests[i] += 1;
                ring.tokens[i] += tokens;
                totals.add(new Verdict.Totals(ring.sum(ring.requests, slot), ring.sum(ring.tokens, slot)));
            }
            return new Verdict.Admitted(slot, totals);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void adjust(Taken taken, long deltaTokens, long nowMillis) {
        if (taken.slot() < SlidingWindow.oldestLiveSlot(nowMillis)) {
            return;
        }
        lock.lock();
        try {
            for (String name : taken.counters()) {
                Ring ring = counters.get(name);
                int i = Math.floorMod(taken.slot(), RING);
                if (ring != null && ring.slots[i] == taken.slot()) {
                    ring.tokens[i] = Math.max(0, ring.tokens[i] + deltaTokens);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Drops counters with nothing live, once a window, so a "*" rule over many values does not grow forever. */
    private void sweepIfDue(long slot) {
        if (slot < nextSweepSlot) {
            return;
        }
        long oldest = slot - SlidingWindow.SLOTS;
        counters.values().removeIf(ring -> ring.newestSlot() < oldest);
        nextSweepSlot = slot + SlidingWindow.SLOTS;
    }

    int counterCount() {
        lock.lock();
        try {
            return counters.size();
        } finally {
            lock.unlock();
        }
    }

    /** Slot ring: index slot % RING holds that slot's counts while {@code slots[index] == slot}. */
    private static final class Ring {
        final long[] slots = new long[RING];
        final long[] requests = new long[RING];
        final long[] tokens = new long[RING];

        Ring() {
            java.util.Arrays.fill(slots, Long.MIN_VALUE);
        }

        int slotIndex(long slot) {
            int i = Math.floorMod(slot, RING);
            if (slots[i] != slot) {
                slots[i] = slot;
                requests[i] = 0;
                tokens[i] = 0;
            }
            return i;
        }

        /** Live slots are the current one and the SLOTS before it; newer ones (clock stepped back) count too. */
        long sum(long[] series, long slot) {
            long oldest = slot - SlidingWindow.SLOTS;
            long sum = 0;
            for (int i = 0; i < RING; i++) {
                if (slots[i] >= oldest) {
                    sum += series[i];
                }
            }
            return sum;
        }

        long newestSlot() {
            long newest = Long.MIN_VALUE;
            for (long s : slots) {
                newest = Math.max(newest, s);
            }
            return newest;
        }

        SlotCounts snapshot(long nowMillis) {
            SlotCounts counts = SlotCounts.empty(nowMillis);
            for (int i = 0; i < RING; i++) {
                if (slots[i] >= counts.firstSlot()) {
                    counts.add(slots[i], true, requests[i]);
                    counts.add(slots[i], false, tokens[i]);
                }
            }
            return counts;
        }
    }
}
