package dev.bursar.budgets;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what {@link BudgetControl} reported. */
final class RecordingEvents implements BudgetEvents {

    record StoreDown(String budget, String message, boolean failedOpen) {
    }

    final List<Threshold> thresholds = new CopyOnWriteArrayList<>();
    final List<StoreDown> storeDown = new CopyOnWriteArrayList<>();

    @Override
    public void thresholdCrossed(Threshold threshold) {
        thresholds.add(threshold);
    }

    @Override
    public void storeUnavailable(String budget, String message, boolean failedOpen) {
        storeDown.add(new StoreDown(budget, message, failedOpen));
    }
}
