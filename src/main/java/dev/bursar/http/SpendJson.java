package dev.bursar.http;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.bursar.ledger.Dimension;
import dev.bursar.ledger.SpendRow;
import dev.bursar.pricing.Usage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /admin/spend}: money as exact decimal strings, tokens as integers. */
final class SpendJson {

    private SpendJson() {
    }

    record Report(String from, String to, List<String> groupBy, List<Row> rows) {

        static Report of(Instant from, Instant to, List<Dimension> groupBy, List<SpendRow> rows) {
            return new Report(from.toString(), to.toString(), groupBy.stream().map(Dimension::wireName).toList(),
                    rows.stream().map(r -> Row.of(groupBy, r)).toList());
        }
    }

    /** One group: its dimension values first (named by the dimensions asked for), then its numbers. */
    @JsonPropertyOrder({"groups", "cost_usd", "requests", "attempts", "failed_attempts", "failed_cost_usd", "saved_usd", "tokens"})
    record Row(@JsonAnyGetter Map<String, String> groups, String costUsd, long requests, long attempts, long failedAttempts,
               String failedCostUsd, String savedUsd, Tokens tokens) {

        static Row of(List<Dimension> groupBy, SpendRow row) {
            Map<String, String> groups = new LinkedHashMap<>();
            for (int i = 0; i < groupBy.size(); i++) {
                groups.put(groupBy.get(i).wireName(), row.group().get(i));
            }
            return new Row(groups, row.costUsd().toPlainString(), row.requests(), row.attempts(), row.failedAttempts(),
                    row.failedCostUsd().toPlainString(), row.savedUsd().toPlainString(), Tokens.of(row.tokens()));
        }
    }

    record Tokens(long input, long uncachedInput, long cachedInput, @JsonProperty("cache_write_5m") long cacheWrite5m,
                  @JsonProperty("cache_write_1h") long cacheWrite1h, long output, long reasoning) {

        static Tokens of(Usage u) {
            return new Tokens(u.inputTokens(), u.uncachedInputTokens(), u.cachedInputTokens(), u.cacheWrite5mTokens(),
                    u.cacheWrite1hTokens(), u.outputTokens(), u.reasoningTokens());
        }
    }
}
