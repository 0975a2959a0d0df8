package dev.bursar.budgets;

import dev.bursar.attribution.Attribution;
import dev.bursar.controls.CallFacts;
import dev.bursar.ledger.Dimension;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a budget is counted by, and where a call's value for it comes from. */
public enum BudgetScope {
    KEY(Dimension.KEY),
    CUSTOMER(Dimension.CUSTOMER),
    TEAM(Dimension.TEAM),
    FEATURE(Dimension.FEATURE),
    ENVIRONMENT(Dimension.ENVIRONMENT),
    MODEL(Dimension.MODEL),
    GLOBAL(null);

    /** The single value every call has for the global scope. */
    public static final String GLOBAL_VALUE = "all";

    private final Dimension dimension;
    private final String wireName;

    BudgetScope(Dimension dimension) {
        this.dimension = dimension;
        this.wireName = name().toLowerCase(Locale.ROOT);
    }

    public static BudgetScope parse(String name) {
        for (BudgetScope s : ALL) {
            if (s.wireName.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown budget scope '" + name + "'; use one of "
                + Arrays.stream(values()).map(BudgetScope::wireName).collect(Collectors.joining(", ")));
    }

    private static final BudgetScope[] ALL = values();

    public String wireName() {
        return wireName;
    }

    /** The ledger dimension spend is grouped by for this scope; empty for global (one total). */
    public Optional<Dimension> dimension() {
        return Optional.ofNullable(dimension);
    }

    /**
     * The call's value for this scope, empty when the call has none (a call with no customer is in no customer
     * budget, not even {@code customer:*}).
     */
    public Optional<String> valueIn(CallFacts facts) {
        return Optional.ofNullable(valueOrNull(facts));
    }

    /** {@link #valueIn}, null for none (asked for every budget on every call: no Optional). */
    String valueOrNull(CallFacts facts) {
        Attribution a = facts.attribution() == null ? Attribution.NONE : facts.attribution();
        String v = switch (this) {
            case KEY -> a.keyId();
            case CUSTOMER -> a.customer();
            case TEAM -> a.team();
            case FEATURE -> a.feature();
            case ENVIRONMENT -> a.environment();
            case MODEL -> facts.model();
            case GLOBAL -> GLOBAL_VALUE;
        };
        return v == null || v.isEmpty() ? null : v;
    }
}
