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
 * @param reason         why: "configured" (bursar.yaml models), "catalog" (vendor's provider), "sim"
 * @param timeout        the provider's timeout for a whole call, or between two stream events
 */
public record Route(String requestedModel, String priceModel, Provider provider, String upstreamModel, String reason,
                    Duration timeout) {
}
