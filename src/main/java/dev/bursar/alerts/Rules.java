package dev.bursar.alerts;

import dev.bursar.config.AlertRuleConfig;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds rules from config, filling defaults and refusing what cannot work. Defaults:
 * spend-spike {@code percent 100, min-usd 1, days 7}; spend-above {@code match "*", window day} ({@code scope},
 * {@code usd} required); failure-rate {@code percent 20, minutes 5, min-requests 20}; runaway-loop
 * {@code count 50, minutes 10}; prompt-bloat {@code percent 20, min-requests 50, days 30} (how far back versions
 * are compared); margin-below {@code scope customer, match "*", percent 0} (negative margins; needs the books);
 * reconcile-drift {@code percent 5, min-usd 1, days 7} (needs scheduled reconciliation).
 */
public final class Rules {

    private static final Set<String> WINDOWS = Set.of("hour", "day", "month");

    private Rules() {
    }

    /** Every configured rule; names must be unique because open alerts are matched back to their rule by name. */
    public static List<AlertRule> from(List<AlertRuleConfig> configs) {
        return from(configs, MarginSource.NONE);
    }

    /** As {@link #from(List)}, with the books that {@code margin-below} rules read ({@link MarginSource#NONE}: none allowed). */
    public static List<AlertRule> from(List<AlertRuleConfig> configs, MarginSource margins) {
        return from(configs, margins, DriftSource.NONE);
    }

    /** As {@link #from(List, MarginSource)}, with the stored reconciliation {@code reconcile-drift} rules read. */
    public static List<AlertRule> from(List<AlertRuleConfig> configs, MarginSource margins, DriftSource drifts) {
        Set<String> names = new HashSet<>();
        List<AlertRule> out = new ArrayList<>();
        for (AlertRuleConfig c : configs) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("alerts.rules: two rules are named '" + c.name()
                        + "'; give each rule of the same type its own name");
            }
            out.add(switch (c.type()) {
                case "margin-below" -> marginBelow(c, margins);
                case "reconcile-drift" -> reconcileDrift(c, drifts);
                default -> from(c);
            });
        }
        return out;
    }

    public static AlertRule from(AlertRuleConfig c) {
        return switch (c.type()) {
            case "spend-spike" -> new SpendSpikeRule(c.name(), positive(c, c.percent(), "percent", "100"),
                    positive(c, c.minUsd(), "min-usd", "1"), count(c, c.days(), "days", 7));
            case "spend-above" -> spendAbove(c);
            case "failure-rate" -> new FailureRateRule(c.name(), positive(c, c.percent(), "percent", "20"),
                    count(c, c.minutes(), "minutes", 5), count(c, c.minRequests(), "min-requests", 20));
            case "runaway-loop" -> new RunawayLoopRule(c.name(), count(c, c.count(), "count", 50),
                    count(c, c.minutes(), "minutes", 10));
            case "prompt-bloat" -> new PromptBloatRule(c.name(), positive(c, c.percent(), "percent", "20"),
                    count(c, c.minRequests(), "min-requests", 50), count(c, c.days(), "days", 30));
            case "margin-below" -> marginBelow(c, MarginSource.NONE);
            case "reconcile-drift" -> reconcileDrift(c, DriftSource.NONE);
            default -> throw new IllegalArgumentException(where(c) + "unknown type " + c.type());
        };
    }

    private static AlertRule marginBelow(AlertRuleConfig c, MarginSource margins) {
        if (margins == MarginSource.NONE) {
            throw new IllegalArgumentException(where(c) + "needs the books (costs, plans, customers), which this command does not open");
        }
        String scope = c.scope() == null ? "customer" : c.scope();
        if (!MarginBelowRule.SCOPES.contains(scope)) {
            throw new IllegalArgumentException(where(c) + "scope must be customer or plan, got " + scope);
        }
        String match = c.match() == null || c.match().isBlank() ? "*" : c.match();
        BigDecimal percent = c.percent() == null ? BigDecimal.ZERO : c.percent();
        return new MarginBelowRule(c.name(), scope, match, percent, margins);
    }

    private static AlertRule reconcileDrift(AlertRuleConfig c, DriftSource drifts) {
        if (drifts == DriftSource.NONE) {
            throw new IllegalArgumentException(where(c) + "needs scheduled reconciliation (reconcile: with an admin"
                    + " key), which this command does not run");
        }
        return new ReconcileDriftRule(c.name(), positive(c, c.percent(), "percent", "5"),
                positive(c, c.minUsd(), "min-usd", "1"), count(c, c.days(), "days", 7), drifts);
    }

    private static AlertRule spendAbove(AlertRuleConfig c) {
        if (c.scope() == null || !SpendAboveRule.SCOPES.containsKey(c.scope())) {
            throw new IllegalArgumentException(where(c) + "scope must be one of "
                    + SpendAboveRule.SCOPES.keySet().stream().sorted().toList() + ", got " + c.scope());
        }
        if (c.usd() == null) {
            throw new IllegalArgumentException(where(c) + "usd is required: the amount per window to alert above");
        }
        String window = c.window() == null ? "day" : c.window();
        if (!WINDOWS.contains(window)) {
            throw new IllegalArgumentException(where(c) + "window must be hour, day or month (UTC), got " + window);
        }
        String match = c.match() == null || c.match().isBlank() ? "*" : c.match();
        return new SpendAboveRule(c.name(), c.scope(), match, window, positive(c, c.usd(), "usd", "0"));
    }

    private static BigDecimal positive(AlertRuleConfig c, BigDecimal v, String field, String dflt) {
        BigDecimal value = v == null ? new BigDecimal(dflt) : v;
        if (value.signum() < 0) {
            throw new IllegalArgumentException(where(c) + field + " must not be negative, got " + value.toPlainString());
        }
        return value;
    }

    private static int count(AlertRuleConfig c, Integer v, String field, int dflt) {
        int value = v == null ? dflt : v;
        if (value < 1) {
            throw new IllegalArgumentException(where(c) + field + " must be at least 1, got " + value);
        }
        return value;
    }

    private static String where(AlertRuleConfig c) {
        return "alert rule '" + c.name() + "' (" + c.type() + "): ";
    }
}
