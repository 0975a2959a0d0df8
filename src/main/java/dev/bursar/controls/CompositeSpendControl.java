package dev.bursar.controls;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Several spend controls as one: admitted by all of them or by none. Rate limits go first (cheap, and a call over its
 * rate should not hold budget); if a later control refuses, the earlier permits are settled at zero, which returns
 * what they took.
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
        List<Permit> taken = new ArrayList<>(parts.size());
        try {
            for (SpendControl part : parts) {
                taken.add(part.admit(facts));
            }
        } catch (RuntimeException refused) {
            for (int i = 0; i < taken.size(); i++) {
                parts.get(i).settle(taken.get(i), BigDecimal.ZERO, 0);
            }
            throw refused;
        }
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
