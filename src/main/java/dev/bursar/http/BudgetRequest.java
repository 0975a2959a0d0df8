package dev.bursar.http;

import com.fasterxml.jackson.annotation.JsonAlias;
import dev.bursar.config.BudgetConfig;
import dev.bursar.wire.BadRequest;
import java.math.BigDecimal;
import java.util.List;

/**
 * The body of {@code POST /admin/budgets}: a budget as in bursar.yaml, with {@code snake_case} names (the file's
 * dashed names are accepted too).
 */
record BudgetRequest(String name, String scope, String match, String window, @JsonAlias("time-zone") String timeZone,
                     @JsonAlias("limit-usd") BigDecimal limitUsd, @JsonAlias("alert-at") List<BigDecimal> alertAt,
                     String enforce, @JsonAlias("on-store-down") String onStoreDown) {

    BudgetConfig toConfig() {
        try {
            return new BudgetConfig(name, scope, match, window, timeZone, limitUsd, alertAt, enforce, onStoreDown);
        } catch (IllegalArgumentException e) {
            String field = fieldOf(e.getMessage());
            throw BadRequest.of("invalid_budget", field, field == null ? e.getMessage()
                    : "Field '" + field + "' is wrong: " + e.getMessage());
        }
    }

    /** BudgetConfig's messages start with the field they are about, in the file's dashed form. */
    private static String fieldOf(String message) {
        for (String field : List.of("scope", "window", "time-zone", "limit-usd", "alert-at", "enforce", "on-store-down")) {
            if (message.startsWith(field + " ")) {
                return field.replace('-', '_');
            }
        }
        return null;
    }
}
