package dev.bursar.gateway;

import dev.bursar.providers.ProviderError;
import dev.bursar.providers.ProviderException;
import dev.bursar.wire.ApiError;
import java.util.Map;

/**
 * A provider's failure as the client's error: status, type and a message naming the provider. It lives on the
 * request path, which knows both sides, so that {@code dev.bursar.wire} never depends on providers.
 */
final class UpstreamErrors {

    private UpstreamErrors() {
    }

    /**
     * An upstream failure Bursar gives up on, with the upstream's retry advice and rate-limit state. Where Bursar's
     * own rate limiter has {@code x-ratelimit-*} headers for this call too, the upstream's set wins whole when it
     * sent one: the client was refused by the upstream, so its numbers explain the refusal and its reset is when a
     * retry can work; mixing the two limiters' headers would pair one's limit with the other's remaining count.
     * Bursar's own headers are sent when the upstream sent none.
     */
    static ApiError of(ProviderException e, Map<String, String> ownRateLimitHeaders) {
        Map<String, String> upstream = e.upstreamHeaders();
        boolean upstreamState = upstream.keySet().stream().anyMatch(n -> n.startsWith("x-ratelimit-"));
        Map<String, String> headers = new java.util.LinkedHashMap<>(upstreamState ? Map.of() : ownRateLimitHeaders);
        headers.putAll(upstream);
        return of(e.error()).withHeaders(headers);
    }

    /** An upstream failure passed through: the provider's status and message, with the provider named. */
    static ApiError of(ProviderError e) {
        // Status 0: the adapter refused or failed before the provider answered (e.g. a feature the provider lacks).
        int status = switch (e) {
            case ProviderError.Timeout t -> 504;
            case ProviderError.Malformed m -> 502;
            case ProviderError.BadRequest b -> b.upstreamStatus() == 0 ? 400 : b.upstreamStatus();
            case ProviderError.NotFound n -> n.upstreamStatus() == 0 ? 404 : n.upstreamStatus();
            case ProviderError.RateLimited r -> r.upstreamStatus() == 0 ? 429 : r.upstreamStatus();
            default -> e.upstreamStatus() == 0 ? 502 : e.upstreamStatus();
        };
        String type = switch (e) {
            case ProviderError.RateLimited r -> "rate_limit_error";
            case ProviderError.Unauthorized u -> "upstream_authentication_error";
            case ProviderError.BadRequest b -> "invalid_request_error";
            case ProviderError.NotFound n -> "invalid_request_error";
            case ProviderError.Timeout t -> "timeout_error";
            case ProviderError.Upstream5xx u -> "upstream_error";
            case ProviderError.Malformed m -> "upstream_error";
        };
        String message = switch (e) {
            case ProviderError.Unauthorized u -> "Provider '" + e.provider() + "' refused Bursar's provider API key (upstream status "
                    + e.upstreamStatus() + "): " + e.message() + " Check the api-key of provider '" + e.provider() + "' in bursar.yaml.";
            case ProviderError.Timeout t -> "Provider '" + e.provider() + "' did not answer in time: " + e.message();
            case ProviderError.BadRequest b when b.upstreamStatus() == 0 -> "Provider '" + e.provider() + "' cannot take this request: " + e.message();
            default -> "Provider '" + e.provider() + "' answered "
                    + (e.upstreamStatus() == 0 ? "nothing usable" : "with status " + e.upstreamStatus()) + ": " + e.message();
        };
        return new ApiError(status, type, e.kind(), null, message);
    }
}
