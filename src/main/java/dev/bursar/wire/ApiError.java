package dev.bursar.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An error the client gets, in its own wire: OpenAI's {@code {"error":{message,type,param,code}}} or Anthropic's
 * {@code {"type":"error","error":{type,message}}}. The message says what to fix.
 *
 * <p>A provider's failure becomes one of these in {@code dev.bursar.gateway.UpstreamErrors}: this package knows the
 * client's wire, not providers.
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

    /** A request Bursar refused while reading it, as the error a client reads. */
    public static ApiError of(BadRequest e) {
        return new ApiError(e.status(), "invalid_request_error", e.code(), e.param().orElse(null), e.getMessage());
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
