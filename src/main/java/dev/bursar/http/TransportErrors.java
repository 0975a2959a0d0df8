package dev.bursar.http;

import dev.bursar.gateway.ApiError;
import dev.bursar.providers.ClientWire;
import io.helidon.http.DirectHandler;
import io.helidon.http.DirectHandler.EventType;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;

/**
 * Answers for requests Helidon refuses before any route sees them (headers over its 16 KB limit, a request line
 * over 4 KB, malformed syntax): a JSON error in the client's wire, chosen by path, instead of Helidon's empty or HTML body.
 */
final class TransportErrors implements DirectHandler {

    static DirectHandlers handlers() {
        TransportErrors h = new TransportErrors();
        return DirectHandlers.builder()
                .addHandler(EventType.BAD_REQUEST, h)
                .addHandler(EventType.PAYLOAD_TOO_LARGE, h)
                .build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
                                    ServerResponseHeaders headers, String message) {
        ClientWire wire = request.path().startsWith("/v1/messages") ? ClientWire.ANTHROPIC : ClientWire.OPENAI;
        ApiError error = new ApiError(status.code(), "invalid_request_error", "invalid_http_request", null,
                "The request could not be read as HTTP" + (message == null || message.isBlank() ? "" : " (" + message + ")")
                        + ". The request line may have at most 4 KB and the headers at most 16 KB in all;"
                        + " send long values in the JSON body instead.");
        headers.set(HeaderNames.CONTENT_TYPE, "application/json");
        return TransportResponse.builder()
                .status(status)
                .headers(headers)
                .keepAlive(eventType.keepAlive())
                .entity(error.body(wire))
                .build();
    }
}
