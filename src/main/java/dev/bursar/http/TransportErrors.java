package dev.bursar.http;

import dev.bursar.gateway.Ids;
import dev.bursar.wire.ApiError;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;

/**
 * Requests the HTTP server refuses before any route sees them (headers over its 16 KB limit, a request line over
 * 4 KB, a header with a control character or a byte HTTP does not allow, a malformed request line): answered like every other refusal, as error JSON in the wire of the
 * path with a request id, instead of the server's bare text.
 */
final class TransportErrors implements DirectHandler {

    static DirectHandlers handlers() {
        TransportErrors handler = new TransportErrors();
        DirectHandlers.Builder b = DirectHandlers.builder();
        for (EventType type : EventType.values()) {
            b.addHandler(type, handler);
        }
        return b.build();
    }

    @Override
    public TransportResponse handle(TransportRequest req, EventType type, Status status, ServerResponseHeaders headers,
                                    String message) {
        String path = req.path() == null ? "" : req.path();
        ApiError err = new ApiError(status.code(), status.code() >= 500 ? "api_error" : "invalid_request_error",
                code(type), null, explain(type, status));
        TransportResponse.Builder out = TransportResponse.builder()
                .status(status)
                .headers(headers)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .header(HelidonResponder.REQUEST_ID, Ids.next("req_"))
                .entity(err.body(CrossSite.wireOf(path)));
        return type.keepAlive() ? out.build() : out.keepAlive(false).build();
    }

    private static String code(EventType type) {
        return switch (type) {
            case BAD_REQUEST -> "invalid_http";
            case PAYLOAD_TOO_LARGE -> "request_too_large";
            case FORBIDDEN -> "forbidden";
            case HTTP_VERSION_NOT_SUPPORTED -> "http_version_not_supported";
            case INTERNAL_ERROR -> "internal_error";
            case OTHER -> "invalid_http";
        };
    }

    private static String explain(EventType type, Status status) {
        return switch (type) {
            case BAD_REQUEST -> "The request could not be read as HTTP: the request line may have at most 4 KB and the"
                    + " headers at most 16 KB in all (send long values in the JSON body instead), and header values"
                    + " hold no control characters.";
            case PAYLOAD_TOO_LARGE -> "The request or its headers are larger than this gateway accepts (headers: 16 KB"
                    + " in all; send long values in the JSON body instead).";
            case HTTP_VERSION_NOT_SUPPORTED -> "Send HTTP/1.1 or HTTP/2.";
            default -> "The HTTP server refused the request (" + status.code() + " " + status.reasonPhrase() + ").";
        };
    }
}
