package dev.bursar.providers;

/**
 * Why an upstream attempt failed. One type for every provider; the status mapping lives in {@link #fromStatus}.
 * Each variant keeps the provider's name, the upstream HTTP status (0 when none was received) and the raw body.
 */
public sealed interface ProviderError {
    String provider();

    int upstreamStatus();

    String message();

    String rawBody();

    /** Whether another attempt (same or next candidate) may succeed. */
    boolean retriable();

    /** Short stable name for the ledger's error class and metrics. */
    String kind();

    record RateLimited(String provider, int upstreamStatus, String message, String rawBody) implements ProviderError {
        public boolean retriable() { return true; }
        public String kind() { return "rate_limited"; }
    }

    record Unauthorized(String provider, int upstreamStatus, String message, String rawBody) implements ProviderError {
        public boolean retriable() { return false; }
        public String kind() { return "unauthorized"; }
    }

    record BadRequest(String provider, int upstreamStatus, String message, String rawBody) implements ProviderError {
        public boolean retriable() { return false; }
        public String kind() { return "bad_request"; }
    }

    record NotFound(String provider, int upstreamStatus, String message, String rawBody) implements ProviderError {
        public boolean retriable() { return false; }
        public String kind() { return "not_found"; }
    }

    record Timeout(String provider, int upstreamStatus, String message, String rawBody) implements ProviderError {
        public boolean retriable() { return true; }
        public String kind() { return "timeout"; }
    }

    record Upstream5xx(String provider, int upstreamStatus, String message, String rawBody) implements ProviderError {
        public boolean retriable() { return true; }
        public String kind() { return "upstream_error"; }
    }

    /** The provider answered something Bursar cannot read (bad JSON, cut stream, missing fields). */
    record Malformed(String provider, int upstreamStatus, String message, String rawBody) implements ProviderError {
        public boolean retriable() { return true; }
        public String kind() { return "malformed"; }
    }

    /** Maps an upstream HTTP status to its error kind; {@code message} is the provider's own message if found. */
    static ProviderError fromStatus(String provider, int status, String message, String rawBody) {
        return switch (status) {
            case 400, 409, 413, 422 -> new BadRequest(provider, status, message, rawBody);
            case 401, 403 -> new Unauthorized(provider, status, message, rawBody);
            case 404 -> new NotFound(provider, status, message, rawBody);
            case 408, 504 -> new Timeout(provider, status, message, rawBody);
            case 429 -> new RateLimited(provider, status, message, rawBody);
            default -> status >= 500 ? new Upstream5xx(provider, status, message, rawBody)
                    : new BadRequest(provider, status, message, rawBody);
        };
    }
}
