package dev.bursar;

import dev.bursar.alerts.AlertEngine;
import dev.bursar.budgets.BudgetEvents;
import dev.bursar.budgets.Threshold;

/** Budget events become alerts: thresholds crossed, and a budget store that could not be reached. */
record BudgetAlerts(AlertEngine alerts) implements BudgetEvents {

    @Override
    public void thresholdCrossed(Threshold t) {
        alerts.budgetThreshold(t.budget(), t.value(), t.window() + "@" + t.instance().start(), t.fraction(), t.spentUsd(), t.limitUsd());
    }

    @Override
    public void storeUnavailable(String budget, String message, boolean failedOpen) {
        alerts.budgetStoreUnavailable(budget, message, failedOpen);
    }
}
