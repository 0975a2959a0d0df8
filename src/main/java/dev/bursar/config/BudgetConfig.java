package dev.bursar.config;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * A spend budget.
 *
 * @param name        optional; defaults to "{scope}:{match}:{window}"
 * @param scope       {@code key}, {@code customer}, {@code team}, {@code feature}, {@code environment}, {@code model} or
 *                    {@code global}
 * @param match       the scope's value this budget is for; {@code "*"} gives every value its own budget; ignored for
 *                    global
 * @param window      {@code day}, {@code month} (calendar, in {@code timeZone}), {@code rolling-Nh} (e.g.
 *                    {@code rolling-6h}) or {@code lifetime}
 * @param timeZone    IANA zone for calendar windows; UTC by default
 * @param limitUsd    the limit, exact
 * @param alertAt     fractions of the limit at which to alert (e.g. 0.5, 0.8, 1.0)
 * @param enforce     {@code hard} (refuse calls that could cross the limit; the default) or {@code soft} (alerts only)
 * @param onStoreDown when the budget store cannot be reached: {@code closed} (refuse; default for hard budgets) or
 *                    {@code open} (allow, and alert)
 */
public record BudgetConfig(
        String name,
        String scope,
        String match,
        String window,
        String timeZone,
        BigDecimal limitUsd,
        List<BigDecimal> alertAt,
        String enforce,
        String onStoreDown) {

    public static final Set<String> SCOPES = Set.of("key", "customer", "team", "feature", "environment", "model", "global");

    public BudgetConfig {
        if (scope == null || !SCOPES.contains(scope)) {
            throw new IllegalArgumentException("scope must be one of " + SCOPES.stream().sorted().toList() + ", got " + scope);
        }
        match = scope.equals("global") ? "*" : (match == null ? "*" : match);
        window = window == null ? "month" : window;
        if (!window.equals("day") && !window.equals("month") && !window.equals("lifetime") && !window.matches("rolling-\\d+h")) {
            throw new IllegalArgumentException("window must be day, month, lifetime or rolling-Nh (e.g. rolling-6h), got " + window);
        }
        timeZone = timeZone == null ? "UTC" : timeZone;
        try {
            java.time.ZoneId.of(timeZone);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("time-zone '" + timeZone + "' is not a known time zone (use e.g. UTC or Europe/Paris)");
        }
        if (limitUsd == null || limitUsd.signum() < 0) {
            throw new IllegalArgumentException("limit-usd is required and cannot be negative (write it as a string: \"100.00\")");
        }
        alertAt = alertAt == null ? List.of() : List.copyOf(alertAt);
        for (BigDecimal f : alertAt) {
            if (f.signum() <= 0) {
                throw new IllegalArgumentException("alert-at takes fractions of the limit above 0, e.g. [0.5, 0.8, 1.0]");
            }
        }
        enforce = enforce == null ? "hard" : enforce;
        if (!enforce.equals("hard") && !enforce.equals("soft")) {
            throw new IllegalArgumentException("enforce must be hard or soft, got " + enforce);
        }
        onStoreDown = onStoreDown == null ? (enforce.equals("hard") ? "closed" : "open") : onStoreDown;
        if (!onStoreDown.equals("closed") && !onStoreDown.equals("open")) {
            throw new IllegalArgumentException("on-store-down must be closed or open, got " + onStoreDown);
        }
        name = name == null || name.isBlank() ? scope + ":" + match + ":" + window : name;
    }

    public boolean hard() {
        return enforce.equals("hard");
    }
}
