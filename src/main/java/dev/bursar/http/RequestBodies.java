package dev.bursar.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.wire.ApiError;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads a JSON request body within the configured size limit. */
final class RequestBodies {

    private final ObjectMapper json;
    private final long maxBytes;

    RequestBodies(ObjectMapper json, long maxBytes) {
        this.json = json;
        this.maxBytes = maxBytes;
    }

    ObjectNode readObject(ServerRequest req) {
        requireJsonType(req.headers().first(HeaderNames.CONTENT_TYPE).orElse(null));
        var declared = req.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > maxBytes) {
            throw ApiError.tooLarge(maxBytes);
        }
        byte[] bytes = readLimited(req);
        if (bytes.length == 0) {
            throw ApiError.badRequest("empty_body", null, "The request has no body. Send a JSON object.");
        }
        JsonNode node;
        try {
            node = json.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("invalid_json", null, JsonSyntax.describe(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!(node instanceof ObjectNode obj)) {
            throw ApiError.badRequest("invalid_json", null, "The request body must be a JSON object.");
        }
        return obj;
    }

    /**
     * A web page can send text/plain or form posts to any origin without asking first (no CORS preflight), so only
     * JSON is read. A missing Content-Type is accepted: browsers always send one with a body they build, and
     * scripts that omit it are not a cross-site risk.
     */
    static void requireJsonType(String contentType) {
        if (contentType == null) {
            return;
        }
        int semi = contentType.indexOf(';');
        String media = (semi < 0 ? contentType : contentType.substring(0, semi)).trim();
        if (!media.equalsIgnoreCase("application/json")) {
            throw new ApiError(415, "invalid_request_error", "unsupported_media_type", null,
                    "This endpoint reads JSON: send 'Content-Type: application/json' (got '" + HeaderText.printable(media) + "').");
        }
    }

    private byte[] readLimited(ServerRequest req) {
        try (InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw ApiError.tooLarge(maxBytes);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
