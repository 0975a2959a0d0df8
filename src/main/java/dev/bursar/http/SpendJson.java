package dev.bursar.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.ledger.SpendRow;

/** A spend row's numbers as JSON: money as exact decimal strings, tokens as integers. */
final class SpendJson {

    private SpendJson() {
    }

    static void fill(ObjectNode o, SpendRow row) {
        o.put("cost_usd", row.costUsd().toPlainString());
        o.put("requests", row.requests());
        o.put("attempts", row.attempts());
        o.put("failed_attempts", row.failedAttempts());
        o.put("failed_cost_usd", row.failedCostUsd().toPlainString());
        o.put("saved_usd", row.savedUsd().toPlainString());
        ObjectNode t = o.putObject("tokens");
        t.put("input", row.tokens().inputTokens());
        t.put("uncached_input", row.tokens().uncachedInputTokens());
        t.put("cached_input", row.tokens().cachedInputTokens());
        t.put("cache_write_5m", row.tokens().cacheWrite5mTokens());
        t.put("cache_write_1h", row.tokens().cacheWrite1hTokens());
        t.put("output", row.tokens().outputTokens());
        t.put("reasoning", row.tokens().reasoningTokens());
    }
}
