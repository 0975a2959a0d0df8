package dev.bursar.ratelimits;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * This replica's chunks of the counters' current slots (see {@link LeasedRateLimiter}): per counter, the requests and
 * tokens left to hand out and the newest window totals Redis reported. It says what to ask Redis for
 * and the limiter asks. One lock, held for well under a microsecond, makes a call's admission all or nothing across
 * its counters.
 *
 * <p>What a chunk leaves unused is handed to {@code giveBack} when its slot is left, after the lock is released
 * (sending may have to connect) and before the method returns, so the caller can order it ahead of what it sends next.
 */
final class Chunks {

    /** A chunk to ask Redis for: {@code requests} calls of {@code perCallTokens} each, under the tightest limits. */
    record Ask(String counter, long slot, long requests, long perCallTokens, long rpm, long tpm) {
    }

    /** What a chunk left unused, to subtract from the slot Redis counted it in; tokens below zero were overused. */
    record GiveBack(String counter, long slot, long requests, long tokens) {
    }

    /**
     * What a call that {@link #take} missed does: the chunks to ask for, and asks of an earlier slot still in flight,
     * which the call's admission must wait for (see {@link #missed}).
     */
    record Miss(List<Ask> asks, List<CompletableFuture<Void>> earlierAsks) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Chunk> byCounter = new HashMap<>();
    private final Consumer<GiveBack> giveBack;
    private boolean closed;

    Chunks(Consumer<GiveBack> giveBack) {
        this.giveBack = giveBack;
    }

    /**
     * One request and {@code tokens} from every counter's chunk for {@code slot}, or nothing (null rather than an
     * Optional: this is every call's path, and it should allocate no more than its answer). The totals are the newest
     * Redis reported minus what this replica still holds unused.
     */
    Verdict.Admitted take(List<String> counters, long tokens, long slot) {
        int n = counters.size();
        lock.lock();
        try {
            long redisSlot = 0;
            for (int i = 0; i < n; i++) {
                Chunk c = byCounter.get(counters.get(i));
                if (c == null || !c.serves(slot, tokens) || (i > 0 && c.redisSlot != redisSlot)) {
                    return null;
                }
                redisSlot = c.redisSlot;
            }
            Verdict.Totals[] totals = new Verdict.Totals[n];
            for (int i = 0; i < n; i++) {
                Chunk c = byCounter.get(counters.get(i));
                c.requestsLeft -= 1;
                c.tokensLeft -= tokens;
                totals[i] = new Verdict.Totals(c.windowRequests - c.requestsLeft, c.windowTokens - c.tokensLeft);
            }
            return new Verdict.Admitted(redisSlot, Arrays.asList(totals));
        } finally {
            lock.unlock();
        }
    }

    /**
     * After {@link #take} missed: moves the call's counters to {@code slot} (giving back what old chunks left unused)
     * and says to ask for a chunk for each counter that cannot serve such a call, unless one is already being asked
     * for or Redis granted nothing in this slot. An ask of an earlier slot still in flight is counted in Redis before
     * this call's admission, and given back only when its reply comes: the admission waits for that reply, or it
     * could be refused for room the stale grant holds (this happens only when a slot ends with an ask in flight).
     */
    Miss missed(List<String> counters, List<LimitCheck> checks, long tokens, long slot) {
        List<Ask> asks = new ArrayList<>(counters.size());
        List<CompletableFuture<Void>> earlierAsks = List.of();
        List<GiveBack> unused = new ArrayList<>(0);
        lock.lock();
        try {
            for (int i = 0; i < counters.size(); i++) {
                Chunk c = byCounter.computeIfAbsent(counters.get(i), Chunk::new);
                if (c.slot < slot) {
                    c.rollTo(slot).ifPresent(unused::add);
                }
                if (c.asking != null && c.askingSlot < slot) {
                    earlierAsks = earlierAsks.isEmpty() ? new ArrayList<>(1) : earlierAsks;
                    earlierAsks.add(c.asking);
                }
                if (closed || c.slot != slot || c.asking != null || c.denied || c.serves(slot, tokens)) {
                    continue;
                }
                c.asking = new CompletableFuture<>();
                c.askingSlot = slot;
                asks.add(new Ask(c.counter, slot, c.nextAsk, tokens, tightest(checks, i, true), tightest(checks, i, false)));
            }
        } finally {
            lock.unlock();
        }
        unused.forEach(giveBack);
        return new Miss(asks, earlierAsks);
    }

    /**
     * Redis admitted a call per call: its totals, which include the chunks, are newer than the last grant's when the
     * call was sent after the ask (never lower, save for other replicas' give-backs: so the larger is kept).
     */
    void admittedPerCall(List<String> counters, Verdict.Admitted admitted) {
        lock.lock();
        try {
            for (int i = 0; i < counters.size(); i++) {
                Chunk c = byCounter.get(counters.get(i));
                if (c != null && c.held && c.redisSlot == admitted.slot()) {
                    c.windowRequests = Math.max(c.windowRequests, admitted.totals().get(i).requests());
                    c.windowTokens = Math.max(c.windowTokens, admitted.totals().get(i).tokens());
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds a grant to the counter's chunk; a grant that can no longer be used is given straight back. Then lets the
     * calls that waited for this ask go on.
     */
    void granted(Ask ask, Grant grant) {
        CompletableFuture<Void> waited = null;
        GiveBack unusable = null;
        lock.lock();
        try {
            Chunk c = byCounter.get(ask.counter());
            if (c != null) {
                waited = c.answered();
            }
            boolean current = c != null && c.slot == ask.slot() && !closed;
            if (grant.requests() == 0 || (current && c.held && c.redisSlot != grant.slot())) {
                // Nothing (useful) granted: the counter stays per call until the next slot. Two Redis slots in one
                // local slot happen only when another replica's clock is ahead; the chunk's totals would not add up.
                if (current) {
                    c.denied = true;
                }
                unusable = grant.requests() > 0 ? whole(ask, grant) : null;
                return;
            }
            if (!current) {
                unusable = whole(ask, grant);
                return;
            }
            c.held = true;
            c.redisSlot = grant.slot();
            c.requestsLeft += grant.requests();
            c.tokensLeft += grant.tokens();
            c.windowRequests = grant.windowRequests();
            c.windowTokens = grant.windowTokens();
            c.nextAsk = Math.min(LeasedRateLimiter.MAX_ASK, ask.requests() * 2);
        } finally {
            lock.unlock();
            if (unusable != null) {
                giveBack.accept(unusable);
            }
            if (waited != null) {
                waited.complete(null);
            }
        }
    }

    /** Asking failed (Redis unreachable): the counter stays per call until the next slot. */
    void notGranted(Ask ask) {
        CompletableFuture<Void> waited = null;
        lock.lock();
        try {
            Chunk c = byCounter.get(ask.counter());
            if (c != null) {
                waited = c.answered();
                c.denied |= c.slot == ask.slot();
            }
        } finally {
            lock.unlock();
            if (waited != null) {
                waited.complete(null);
            }
        }
    }

    /**
     * Settles {@code deltaTokens} into the chunks that hold the permit's Redis slot: the slot's count comes out the
     * same once the chunk is given back. Returns the counters with no such chunk, to be corrected in Redis.
     */
    List<String> adjust(Taken taken, long deltaTokens) {
        List<String> remote = List.of();
        lock.lock();
        try {
            for (String counter : taken.counters()) {
                Chunk c = byCounter.get(counter);
                if (c != null && c.held && c.redisSlot == taken.slot()) {
                    c.tokensLeft -= deltaTokens;
                } else {
                    if (remote.isEmpty()) {
                        remote = new ArrayList<>(taken.counters().size());
                    }
                    remote.add(counter);
                }
            }
        } finally {
            lock.unlock();
        }
        return remote;
    }

    /** Moves every chunk of an earlier slot to {@code slot}, giving back what they left; forgets counters quiet for a slot. */
    void rollTo(long slot) {
        List<GiveBack> unused = new ArrayList<>();
        lock.lock();
        try {
            for (Iterator<Chunk> it = byCounter.values().iterator(); it.hasNext(); ) {
                Chunk c = it.next();
                if (c.slot >= slot) {
                    continue;
                }
                if (!c.held && c.asking == null) {
                    it.remove();
                } else {
                    c.rollTo(slot).ifPresent(unused::add);
                }
            }
        } finally {
            lock.unlock();
        }
        unused.forEach(giveBack);
    }

    /** Gives back every chunk and grants nothing more. */
    void close() {
        List<GiveBack> unused = new ArrayList<>();
        lock.lock();
        try {
            closed = true;
            byCounter.values().forEach(c -> c.release().ifPresent(unused::add));
        } finally {
            lock.unlock();
        }
        unused.forEach(giveBack);
    }

    private static GiveBack whole(Ask ask, Grant grant) {
        return new GiveBack(ask.counter(), grant.slot(), grant.requests(), grant.tokens());
    }

    /** The least limit of the call's rules on counter {@code counter}; -1 when none of them limits that. */
    private static long tightest(List<LimitCheck> checks, int counter, boolean requests) {
        long least = -1;
        for (LimitCheck check : checks) {
            long limit = requests ? check.rpm() : check.tpm();
            if (check.counter() == counter && limit >= 0 && (least < 0 || limit < least)) {
                least = limit;
            }
        }
        return least;
    }

    /** One counter's chunk; guarded by the lock. */
    private static final class Chunk {
        final String counter;
        /** The local slot it serves (calls whose clock says another slot go per call). */
        long slot = Long.MIN_VALUE;
        /** Where Redis counted the grants: the slot admissions report and give-backs go to. */
        long redisSlot;
        /** Grants are counted in Redis that have not been given back. */
        boolean held;
        long requestsLeft;
        long tokensLeft;
        long windowRequests;
        long windowTokens;
        /** The ask in flight, completed once its grant is in (or given back); null when none. */
        CompletableFuture<Void> asking;
        long askingSlot;
        /** Redis granted nothing in this slot (little room left, or unreachable): per call until the next one. */
        boolean denied;
        long nextAsk = LeasedRateLimiter.FIRST_ASK;

        Chunk(String counter) {
            this.counter = counter;
        }

        CompletableFuture<Void> answered() {
            CompletableFuture<Void> waited = asking;
            asking = null;
            return waited;
        }

        boolean serves(long atSlot, long tokens) {
            return held && slot == atSlot && requestsLeft >= 1 && tokensLeft >= tokens;
        }

        /** A new slot starts with no chunk and half the last ask, so a steady load needs one or two asks a slot. */
        Optional<GiveBack> rollTo(long newSlot) {
            Optional<GiveBack> unused = release();
            slot = newSlot;
            denied = false;
            nextAsk = Math.max(LeasedRateLimiter.FIRST_ASK, nextAsk / 2);
            return unused;
        }

        Optional<GiveBack> release() {
            if (!held) {
                return Optional.empty();
            }
            held = false;
            GiveBack unused = new GiveBack(counter, redisSlot, requestsLeft, tokensLeft);
            requestsLeft = 0;
            tokensLeft = 0;
            return unused.requests() == 0 && unused.tokens() == 0 ? Optional.empty() : Optional.of(unused);
        }
    }
}
