package dev.bursar.replay;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One feature's replayed traffic (or the total): what it cost, what the policy would have cost, and how.
 *
 * @param feature        the feature tag, null for requests without one (and for the total)
 * @param actualUsd      the answered attempts' exact cost as booked
 * @param policyUsd      the same tokens at the policy's model, exact; 0 for a cache hit
 * @param routedWeak     requests a learned route sent to its weak model
 * @param qualitySum     the sum of the requests' expected quality changes (routing moves and semantic hits)
 * @param qualityUnknown requests moved to a model whose quality no router predicts (a switch)
 */
public record ReplayLine(String feature, long requests, BigDecimal actualUsd, BigDecimal policyUsd, long exactHits,
                         long semanticHits, long routedWeak, double qualitySum, long qualityUnknown) {

    public BigDecimal savedUsd() {
        return actualUsd.subtract(policyUsd);
    }

    /** Saved as a percentage of the actual cost, 2 decimals; zero when nothing was spent. */
    public BigDecimal savedPercent() {
        if (actualUsd.signum() == 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        return savedUsd().multiply(BigDecimal.valueOf(100)).divide(actualUsd, 2, RoundingMode.HALF_EVEN);
    }

    /** The share of requests a learned route sent to the weak model, 4 decimals. */
    public BigDecimal weakShare() {
        return ratio(routedWeak, requests);
    }

    /**
     * The expected change in the share of answers as good as before, per request (−0.0300: three answers in a hundred
     * expected worse), 4 decimals; requests of unknown quality count as unchanged.
     */
    public BigDecimal qualityChange() {
        if (requests == 0) {
            return BigDecimal.ZERO.setScale(4);
        }
        return new BigDecimal(Double.toString(qualitySum)).divide(BigDecimal.valueOf(requests), 4, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal ratio(long part, long whole) {
        return whole == 0 ? BigDecimal.ZERO.setScale(4)
                : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_EVEN);
    }
}
