package dev.bursar.controls;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Several spend controls as one: admitted by all of them or by none. All are asked at once; if one refuses, the permits
 * of the others are settled at zero, which returns what they took (so a call over its rate holds budget for one round
 * trip at most). When several refuse, the first in order is reported: rate limits are listed first.
 */
public final class CompositeSpendControl implements SpendControl {

    private final List<SpendControl> parts;
    private final AutoCloseable sharedStore;

    public CompositeSpendControl(List<SpendControl> parts) {
        this(parts, null);
    }

    /** {@code sharedStore} (may be null), e.g. the parts' common Redis connection, is closed after the parts. */
    public CompositeSpendControl(List<SpendControl> parts, AutoCloseable sharedStore) {
        this.parts = List.copyOf(parts);
        this.sharedStore = sharedStore;
    }

    private record Permits(List<Permit> each) { }

    @Override
    public boolean covers(dev.bursar.attribution.Attribution who, String model) {
        for (SpendControl part : parts) {
            if (part.covers(who, model)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Permit admit(CallFacts facts) {
        Permit[] atOnce = new Permit[parts.size()];
        boolean all = true;
        for (int i = 0; i < atOnce.length; i++) {
            atOnce[i] = parts.get(i).admitAtOnce(facts);
            all &= atOnce[i] != null;
        }
        if (all) {
            return combined(java.util.Arrays.asList(atOnce));
        }
        // The others are asked at once (with Redis: their scripts go out in one write, one round trip in all); a part
        // that admitted is given back, at zero, when another refused.
        List<CompletableFuture<Permit>> asked = new ArrayList<>(parts.size());
        for (int i = 0; i < atOnce.length; i++) {
            asked.add(atOnce[i] != null ? CompletableFuture.completedFuture(atOnce[i]) : parts.get(i).admitLater(facts));
        }
        List<Permit> taken = new ArrayList<>(parts.size());
        RuntimeException refused = null;
        for (int i = 0; i < parts.size(); i++) {
            try {
                taken.add(asked.get(i).join());
            } catch (CompletionException | CancellationException e) {
                taken.add(null);
                refused = refused == null ? SpendControl.cause(e) : refused;
            }
        }
        if (refused != null) {
            for (int i = 0; i < taken.size(); i++) {
                if (taken.get(i) != null) {
                    parts.get(i).settle(taken.get(i), BigDecimal.ZERO, 0);
                }
            }
            throw refused;
        }
        return combined(taken);
    }

    private Permit combined(List<Permit> taken) {
        RateLimitStatus tightest = RateLimitStatus.NONE;
        for (Permit p : taken) {
            if (p.rateLimits() != null && p.rateLimits() != RateLimitStatus.NONE) {
                tightest = p.rateLimits();
            }
        }
        return new Permit(taken.isEmpty() ? "none" : taken.get(0).id(), new Permits(taken), tightest);
    }

    @Override
    public void settle(Permit permit, BigDecimal actualUsd, long actualTokens) {
        List<Permit> each = ((Permits) permit.handle()).each();
        RuntimeException first = null;
        for (int i = 0; i < each.size(); i++) {
            try {
                parts.get(i).settle(each.get(i), actualUsd, actualTokens);
            } catch (RuntimeException e) {
                // Settle the others anyway: a budget must not stay reserved because a rate limiter hiccupped.
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public void close() {
        parts.forEach(SpendControl::close);
        if (sharedStore != null) {
            try {
                sharedStore.close();
            } catch (Exception ignored) {
                // closing a connection: nothing left to lose
            }
        }
    }
}
