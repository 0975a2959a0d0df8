package dev.bursar.budgets;

import java.time.Clock;
import java.time.Duration;

class InProcessBudgetCountersTest extends BudgetCountersContractTest {
    @Override
    protected BudgetCounters newCounters(StartingSpend starting, Clock clock, Duration ttl) {
        return new InProcessBudgetCounters(starting, clock, ttl);
    }
}
