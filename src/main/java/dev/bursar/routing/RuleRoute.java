package dev.bursar.routing;

import java.util.List;

/**
 * A virtual model's rules, compiled: each rule's conditions and the route its requests take (already labelled with
 * the virtual name as the requested model and {@code rule:<n>} as the reason), tried in order; the first rule whose
 * conditions all hold wins, else the default. Choosing allocates nothing.
 */
public final class RuleRoute implements VirtualRoute {

    record Rule(List<Condition> when, Route route) {
        boolean matches(RequestFacts facts) {
            for (Condition c : when) {
                if (!c.holds(facts)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Rule> rules;
    private final Route fallback;

    RuleRoute(List<Rule> rules, Route fallback) {
        this.rules = List.copyOf(rules);
        this.fallback = fallback;
    }

    /** The route of the first rule that matches, else the default's. */
    @Override
    public Route choose(RequestFacts facts) {
        for (Rule r : rules) {
            if (r.matches(facts)) {
                return r.route();
            }
        }
        return fallback;
    }

    /** The default's route: what the name resolves to before the request's facts are known. */
    @Override
    public Route fallback() {
        return fallback;
    }
}
