package dev.bursar.budgets;

/** What budgets tell the alerting side. Called on the request's thread: implementations should not block long. */
public interface BudgetEvents {

    /** A settle took a budget value's spend across one of its alert-at fractions. */
    void thresholdCrossed(Threshold threshold);

    /**
     * The counter store could not be reached for {@code budget}: the call was refused ({@code failedOpen} false) or
     * let through uncounted ({@code failedOpen} true).
     */
    void storeUnavailable(String budget, String message, boolean failedOpen);

    static BudgetEvents none() {
        return new BudgetEvents() {
            @Override
            public void thresholdCrossed(Threshold threshold) {
            }

            @Override
            public void storeUnavailable(String budget, String message, boolean failedOpen) {
            }
        };
    }
}
