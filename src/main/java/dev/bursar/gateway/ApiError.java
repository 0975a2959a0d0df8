package dev.bursar.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.providers.ClientWire;
import dev.bursar.providers.ProviderError;
import dev.bursar.providers.ProviderException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An error the client gets, in its own wire: OpenAI's {@code {"error":{message,type,param,code}}} or Anthropic's
 * {@code {"type":"error","error":{type,message}}}. The message says what to fix.
 */
public final class ApiError extends RuntimeException {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int status;
    private final String type;
    private final String code;
    private final String param;
    private Map<String, String> headers = Map.of();
    private ObjectNode details;

    public ApiError(int status, String type, String code, String param, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
    }

    public static ApiError badRequest(String code, String param, String message) {
        return new ApiError(400, "invalid_request_error", code, param, message);
    }

    public static ApiError unauthorized(String code, String message) {
        return new ApiError(401, "authentication_error", code, null, message);
    }

    public static ApiError modelNotFound(String model, java.util.List<String> suggestions) {
        String hint = suggestions.isEmpty() ? "" : " Did you mean " + String.join(", ", suggestions) + "?";
        return new ApiError(404, "invalid_request_error", "model_not_found", "model",
                "The model '" + model + "' is not served by this Bursar gateway." + hint
                        + " GET /v1/models lists the models it serves; add others under 'models:' in bursar.yaml.");
    }

    public static ApiError tooLarge(long limit) {
        return new ApiError(413, "invalid_request_error", "request_too_large", null,
                "The request body is larger than this gateway's limit of " + limit
                        + " bytes. Send less, or raise server.max-body-bytes in bursar.yaml.");
    }

    /**
     * An upstream failure Bursar gives up on, with the upstream's retry advice and rate-limit state. Where Bursar's
     * own rate limiter has {@code x-ratelimit-*} headers for this call too, the upstream's set wins whole when it
     * sent one: the client was refused by the upstream, so its numbers explain the refusal and its reset is when a
     * retry can work; mixing the two limiters' headers would pair one's limit with the other's remaining count.
     * Bursar's own headers are sent when the upstream sent none.
     */
    public static ApiError upstream(ProviderException e, Map<String, String> ownRateLimitHeaders) {
        Map<String, String> upstream = e.upstreamHeaders();
        boolean upstreamState = upstream.keySet().stream().anyMatch(n -> n.startsWith("x-ratelimit-"));
        Map<String, String> headers = new java.util.LinkedHashMap<>(upstreamState ? Map.of() : ownRateLimitHeaders);
        headers.putAll(upstream);
        return upstream(e.error()).withHeaders(headers);
    }

    /** An upstream failure passed through: the provider's status and message, with the provider named. */
    public static ApiError upstream(ProviderError e) {
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

    public static ApiError internal(String message) {
        return new ApiError(500, "api_error", "internal_error", null, message);
    }

    /** Extra response headers (retry-after, x-should-retry, x-ratelimit-*). */
    public ApiError withHeaders(Map<String, String> extra) {
        this.headers = Map.copyOf(extra);
        return this;
    }

    /** Machine-readable facts about the error, sent as {@code error.details} (clients ignore unknown fields). */
    public ApiError withDetails(ObjectNode details) {
        this.details = details;
        return this;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String code() {
        return code;
    }

    public byte[] body(ClientWire wire) {
        return (wire == ClientWire.ANTHROPIC ? anthropic() : openAi()).toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The error as one SSE event, for failures after a stream has started. */
    public byte[] streamEvent(ClientWire wire) {
        String json = wire == ClientWire.ANTHROPIC ? anthropic().toString() : openAi().toString();
        String event = wire == ClientWire.ANTHROPIC ? "event: error\ndata: " + json + "\n\n" : "data: " + json + "\n\n";
        return event.getBytes(StandardCharsets.UTF_8);
    }

    private ObjectNode openAi() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode err = root.putObject("error");
        err.put("message", getMessage());
        err.put("type", type);
        err.put("param", param);
        err.put("code", code);
        if (details != null) {
            err.set("details", details);
        }
        return root;
    }

    private ObjectNode anthropic() {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", "error");
        ObjectNode err = root.putObject("error");
        err.put("type", anthropicType());
        err.put("message", getMessage());
        if (details != null) {
            err.set("details", details);
        }
        return root;
    }

    private String anthropicType() {
        return switch (status) {
            case 400, 405, 415, 422 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 402, 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            case 504 -> "timeout_error";
            default -> "api_error";
        };
    }
}
