package dev.bursar.routing;

import dev.bursar.providers.Provider;
import java.time.Duration;

/**
 * Where a request goes.
 *
 * @param requestedModel the name the client sent
 * @param priceModel     the catalog model the call is priced by
 * @param provider       the adapter that serves it
 * @param upstreamModel  the name sent to the provider
 * @param reason         why: "configured" (bursar.yaml models), "catalog" (vendor's provider), "sim", or for a virtual
 *                       model the rule that chose it: "rule:&lt;n&gt;" (1-based) or "rule:default"
 * @param timeout        the provider's timeout for a whole call, or between two stream events
 */
public record Route(String requestedModel, String priceModel, Provider provider, String upstreamModel, String reason,
                    Duration timeout) {

    static final String RULE = "rule:";

    /** Why this model answers, as the X-Bursar-Route header says: "primary" for a plain model, else the rule. */
    public String decision() {
        return reason.startsWith(RULE) ? reason : "primary";
    }
}
