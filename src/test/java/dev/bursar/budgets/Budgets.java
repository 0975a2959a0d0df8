package dev.bursar.budgets;

import dev.bursar.attribution.Attribution;
import dev.bursar.config.BudgetConfig;
import dev.bursar.controls.CallFacts;
import dev.bursar.ledger.AttemptStatus;
import dev.bursar.ledger.Endpoint;
import dev.bursar.ledger.UsageEvent;
import dev.bursar.pricing.Usage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Fixtures: budget definitions, calls and ledger rows. */
final class Budgets {
    private Budgets() {
    }

    static BudgetConfig hard(String name, String scope, String match, String window, String limit) {
        return new BudgetConfig(name, scope, match, window, null, new BigDecimal(limit), List.of(), "hard", null);
    }

    static BudgetConfig soft(String name, String scope, String match, String window, String limit) {
        return new BudgetConfig(name, scope, match, window, null, new BigDecimal(limit), List.of(), "soft", null);
    }

    static BudgetKey key(BudgetConfig c, String value) {
        return BudgetKey.of(c, value);
    }

    static CallFacts call(String customer, String worstCase, Instant at) {
        return new CallFacts(new Attribution("key_1", customer, null, "core", "chat", "production", null), "gpt-4o", 100,
                500, new BigDecimal(worstCase), at);
    }

    static UsageEvent spend(String customer, String cost, Instant at) {
        String id = UUID.randomUUID().toString();
        return new UsageEvent(id, "req-" + id, at, new Attribution("key_1", customer, null, null, null, null, null),
                new UsageEvent.Models("gpt-4o", "gpt-4o", "gpt-4o-2024", "openai", "direct"),
                new UsageEvent.Call(Endpoint.CHAT, false, false, 1, "none", null),
                Usage.of(10, 5),
                new UsageEvent.Charge(new BigDecimal(cost), BigDecimal.ZERO, "2026-01-01", false, "{}"),
                new UsageEvent.Outcome(200, AttemptStatus.OK, null, 1_000, -1));
    }

    static BigDecimal usd(String s) {
        return new BigDecimal(s);
    }
}
