package dev.bursar.budgets;

import dev.bursar.config.BudgetConfig;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.net.URLEncoder;

/**
 * One budget for one scope value: what counters are kept for.
 *
 * @param budget the budget's name
 * @param value  the scope value this counter is for (a customer id, a model...; {@link BudgetScope#GLOBAL_VALUE} for
 *               global budgets)
 * @param hard   true when a reservation must not cross {@code limitUsd}; soft budgets are only counted
 */
public record BudgetKey(String budget, BudgetScope scope, String value, BudgetWindow window, BigDecimal limitUsd,
                        boolean hard) {

    public static BudgetKey of(BudgetConfig config, String value) {
        return new BudgetKey(config.name(), BudgetScope.parse(config.scope()), value, BudgetWindow.of(config),
                config.limitUsd(), config.hard());
    }

    /** The counter cell name of this key in {@code bucket}; the window spec is part of it so a changed window starts afresh. */
    String cell(Bucket bucket) {
        return family() + ":" + escape(value) + ":" + bucket.id();
    }

    /** Names every value's cells of this budget and window (for listing the values of a "*" budget). */
    String family() {
        return escape(budget) + ":" + escape(window.spec());
    }

    /** URL-encoding, as key names had it from the start; most values need none, and those are returned as they are. */
    private static String escape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '.' || c == '-' || c == '_' || c == '*';
            if (!plain) {
                if (ESCAPED.size() > 10_000) {
                    ESCAPED.clear(); // scope values are few in practice; never let odd traffic grow this without bound
                }
                return ESCAPED.computeIfAbsent(s, v -> URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        }
        return s;
    }

    /** Window specs ("month@Europe/Berlin") and odd values are escaped on every call: remembered once done. */
    private static final java.util.Map<String, String> ESCAPED = new java.util.concurrent.ConcurrentHashMap<>();
}
