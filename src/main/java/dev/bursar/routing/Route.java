package dev.bursar.routing;

import dev.bursar.providers.Provider;
import dev.bursar.providers.Timeouts;

/**
 * Where a request goes.
 *
 * @param requestedModel the name the client sent
 * @param priceModel     the catalog model the call is priced by
 * @param provider       the adapter that serves it
 * @param upstreamModel  the name sent to the provider
 * @param reason         why: "configured" (bursar.yaml models), "catalog" (vendor's provider), "sim", or for a virtual
 *                       model the rule that chose it: "rule:&lt;n&gt;" (1-based) or "rule:default"
 * @param timeouts       the provider's timeouts per phase (connect, first token, between events, total)
 */
public record Route(String requestedModel, String priceModel, Provider provider, String upstreamModel, String reason,
                    Timeouts timeouts) {

    static final String RULE = "rule:";

    /** Why this model answers, as the X-Bursar-Route header says: "primary" for a plain model, else the rule. */
    public String decision() {
        return reason.startsWith(RULE) ? reason : "primary";
    }
}
