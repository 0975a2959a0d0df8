package dev.bursar.routing;

import dev.bursar.providers.Provider;
import dev.bursar.providers.Timeouts;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a request goes.
 *
 * @param requestedModel the name the client sent
 * @param priceModel     the catalog model the call is priced by
 * @param provider       the adapter that serves it
 * @param upstreamModel  the name sent to the provider
 * @param reason         why: "configured" (bursar.yaml models), "catalog" (vendor's provider), "sim", or for a virtual
 *                       model the rule that chose it: "rule:&lt;n&gt;" (1-based) or "rule:default", or the learned
 *                       router's choice: "learned:strong" or "learned:weak"
 * @param timeouts       the provider's timeouts per phase (connect, first token, between events, total)
 * @param fallbacks      the candidates tried, in order, when this one fails (each without fallbacks of its own)
 */
public record Route(String requestedModel, String priceModel, Provider provider, String upstreamModel, String reason,
                    Timeouts timeouts, List<Route> fallbacks) {

    static final String RULE = "rule:";
    static final String LEARNED = "learned:";
    public static final String FALLBACK = "fallback:";

    public Route {
        fallbacks = List.copyOf(fallbacks);
    }

    /** A route without fallbacks. */
    public Route(String requestedModel, String priceModel, Provider provider, String upstreamModel, String reason,
                 Timeouts timeouts) {
        this(requestedModel, priceModel, provider, upstreamModel, reason, timeouts, List.of());
    }

    /** Why this model answers, as the X-Bursar-Route header says: "primary", the rule, the learned choice, or "fallback:&lt;why&gt;". */
    public String decision() {
        return reason.startsWith(RULE) || reason.startsWith(LEARNED) || reason.startsWith(FALLBACK) ? reason : "primary";
    }

    /** The candidates a request walks: this route, then its fallbacks, all booked under this requested name. */
    public List<Route> candidates() {
        if (fallbacks.isEmpty()) {
            return List.of(this);
        }
        List<Route> all = new ArrayList<>(fallbacks.size() + 1);
        all.add(this);
        all.addAll(fallbacks);
        return all;
    }

    /** This candidate taken because the one before it was left for {@code why} ("circuit_open", "timeout", ...). */
    public Route asFallback(String why) {
        return new Route(requestedModel, priceModel, provider, upstreamModel, FALLBACK + why, timeouts, List.of());
    }

    /** This route and its fallbacks, booked under another requested name with another reason (a virtual model's). */
    Route relabelled(String requested, String why) {
        List<Route> fb = fallbacks.stream().map(f -> new Route(requested, f.priceModel, f.provider, f.upstreamModel,
                f.reason, f.timeouts, List.of())).toList();
        return new Route(requested, priceModel, provider, upstreamModel, why, timeouts, fb);
    }
}
