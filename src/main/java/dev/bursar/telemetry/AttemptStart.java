package dev.bursar.telemetry;

import dev.bursar.attribution.Attribution;

/**
 * One provider attempt as it starts.
 *
 * @param provider      the configured provider's name
 * @param requestModel  the model name sent upstream ({@code gen_ai.request.model})
 * @param priceModel    the model Bursar prices the attempt as
 * @param number        the attempt's number within the request (1, 2, ...)
 * @param reason        why this candidate: "primary", "rule:2", "fallback:upstream_5xx", ...
 * @param attribution   who the request is booked to
 */
public record AttemptStart(String provider, String requestModel, String priceModel, int number, String reason,
                           Attribution attribution) {
}
