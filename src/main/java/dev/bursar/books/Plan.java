package dev.bursar.books;

import dev.bursar.config.PlanConfig;
import java.math.BigDecimal;

/** A price plan: flat, per seat, usage-based (included requests, then overage per request), or a mix. */
public record Plan(String name, BigDecimal monthlyUsd, BigDecimal perSeatUsd, Long includedRequests,
                   BigDecimal overageUsd, boolean freeTier, BigDecimal targetMarginPct, boolean fromFile) {

    public static Plan of(PlanConfig c, boolean fromFile) {
        return new Plan(c.name(), c.monthlyUsd(), c.perSeatUsd(), c.includedRequests(), c.overageUsd(), c.freeTier(),
                c.targetMarginPct(), fromFile);
    }

    public PlanConfig toConfig() {
        return new PlanConfig(name, monthlyUsd, perSeatUsd, includedRequests, overageUsd, freeTier, targetMarginPct);
    }

    /** The subscription part for one whole month: flat price plus seats. */
    BigDecimal subscription(int seats) {
        return monthlyUsd.add(perSeatUsd.multiply(BigDecimal.valueOf(seats)));
    }

    /** Overage for {@code requests} against an allowance of {@code included} requests. */
    BigDecimal overage(long requests, BigDecimal included) {
        if (includedRequests == null || overageUsd.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal over = BigDecimal.valueOf(requests).subtract(included);
        return over.signum() <= 0 ? BigDecimal.ZERO : over.multiply(overageUsd);
    }

    /** A copy with another flat and per-seat price: what a pricing scenario changes. */
    Plan withPrices(BigDecimal monthly, BigDecimal perSeat, Long included, BigDecimal overage) {
        return new Plan(name, monthly == null ? monthlyUsd : monthly, perSeat == null ? perSeatUsd : perSeat,
                included == null ? includedRequests : included, overage == null ? overageUsd : overage, freeTier,
                targetMarginPct, fromFile);
    }
}
