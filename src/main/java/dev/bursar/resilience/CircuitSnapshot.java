package dev.bursar.resilience;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * One circuit as seen now.
 *
 * @param halfOpensAt when an open circuit lets a trial call through; null unless open
 */
public record CircuitSnapshot(String provider, CircuitState state, int callsInWindow, int failuresInWindow,
                              Instant halfOpensAt) {

    /** Failures per hundred calls in the window, to one decimal; zero for an empty window. */
    public BigDecimal failureRatePercent() {
        return callsInWindow == 0 ? BigDecimal.ZERO.setScale(1)
                : BigDecimal.valueOf(failuresInWindow * 100L).divide(BigDecimal.valueOf(callsInWindow), 1, RoundingMode.HALF_UP);
    }
}
