package dev.bursar.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.wire.BadRequest;
import java.util.Locale;
import java.util.function.Function;

/**
 * What the client asked of the cache: the {@code X-Bursar-Cache} header, or {@code metadata.cache} (also
 * {@code metadata.bursar_cache}) in the body, which wins like the other tags. {@code off}: neither read nor written;
 * {@code refresh}: not read, the new answer replaces the kept one.
 */
public enum CacheDirective {
    USE, OFF, REFRESH;

    public static final String HEADER = "X-Bursar-Cache";

    /**
     * Reads the directive and removes Bursar's entries from the body's metadata, so the provider never sees them (an
     * object left empty is removed). A value other than off/refresh (or on/use) is refused: a client that meant to turn
     * the cache off must not silently get a cached answer.
     */
    public static CacheDirective take(Function<String, String> header, ObjectNode body) {
        String fromBody = null;
        if (body.get("metadata") instanceof ObjectNode md) {
            String plain = text(md.remove("cache"));
            String prefixed = text(md.remove("bursar_cache"));
            fromBody = prefixed != null ? prefixed : plain;
            if (md.isEmpty()) {
                body.remove("metadata");
            }
        }
        if (fromBody != null) {
            return parse(fromBody, "metadata.cache");
        }
        String h = header.apply(HEADER.toLowerCase(Locale.ROOT));
        return h == null || h.isBlank() ? USE : parse(h, HEADER);
    }

    private static CacheDirective parse(String value, String where) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "off", "no-store", "no-cache", "false" -> OFF;
            case "refresh" -> REFRESH;
            case "on", "use", "true", "" -> USE;
            default -> throw BadRequest.field(where, where + " must be 'off' or 'refresh', got '" + value + "'");
        };
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }
}
