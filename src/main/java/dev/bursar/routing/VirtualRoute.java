package dev.bursar.routing;

/** How a virtual model picks its served model for one request: by rules, or by the learned router. */
public sealed interface VirtualRoute permits RuleRoute, LearnedRoute {

    /** The route this request takes, labelled with the virtual name and the reason for X-Bursar-Route. */
    Route choose(RequestFacts facts);

    /** What the name resolves to before the request's facts are known (and what budgets reserve for). */
    Route fallback();
}
